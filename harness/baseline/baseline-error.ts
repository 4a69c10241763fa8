/**
 * A baseline file that cannot be used: unreadable, not JSON, not the schema, or inconsistent. One line per problem,
 * `<file>: <field path>: <reason>`, like a bad card.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import type { CardIssue } from '../models/card-error.ts';

export type BaselineIssue = CardIssue;

export class BaselineError extends OmlcError<'bad-baseline'> {
  override name = 'BaselineError';
  readonly issues: readonly BaselineIssue[];

  constructor(issues: readonly BaselineIssue[]) {
    super('bad-baseline', issues.map((issue) => `${issue.file}: ${issue.path}: ${issue.reason}`).join('\n'));
    this.issues = issues;
  }
}

/**
 * A baseline file that cannot be used: unreadable, not JSON, not the schema, or inconsistent. One line per problem,
 * `<file>: <field path>: <reason>`, like a bad card.
 */
import { formatCardIssue, type CardIssue } from '../models/card-error.ts';

export type BaselineIssue = CardIssue;

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
  readonly issues: readonly BaselineIssue[];

  constructor(issues: readonly BaselineIssue[]) {
    super(issues.map(formatCardIssue).join('\n'));
    this.issues = issues;
  }
}

/**
 * A bad card must stop the run before any test is registered, with a message that names the file, the field
 * and the reason (`<file>: <field path>: <reason>`), one line per problem so all of them can be fixed at once.
 */
import { OmlcError } from '../errors/omlc-error.ts';

export interface CardIssue {
  /** Repo-relative path of the file at fault. */
  readonly file: string;
  /** Field path such as `model_config.embedding_dimension` or `probes[2].text`; `(root)` for the whole file. */
  readonly path: string;
  readonly reason: string;
}

export function formatCardIssue(issue: CardIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.reason}`;
}

export class CardError extends OmlcError<'bad-card'> {
  override name = 'CardError';
  readonly issues: readonly CardIssue[];

  constructor(issues: readonly CardIssue[]) {
    super('bad-card', issues.map(formatCardIssue).join('\n'));
    this.issues = issues;
  }
}

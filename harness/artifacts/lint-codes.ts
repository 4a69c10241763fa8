/**
 * Codes of the harness's own model-zip lint. Shared with the negative-artifact `case.yaml` schema, whose
 * `lint_error` must name one of them.
 */
export const ZIP_LINT_CODES = [
  'no-model-file',
  'multiple-model-files',
  'wrong-format',
  'no-tokenizer',
  'model-not-at-root',
  'executable',
  'unreadable-zip',
] as const;

export type ZipLintCode = (typeof ZIP_LINT_CODES)[number];

import { HttpResponse } from 'msw';
import type { ErrorSpec, HttpErrorKey, Profile } from '../profiles/index.ts';

/** OpenSearch's error envelope, as every REST error of a real cluster looks. */
export interface OpenSearchErrorCause {
  type: string;
  reason: string;
  [field: string]: string;
}

export interface OpenSearchErrorBody {
  error: {
    root_cause: OpenSearchErrorCause[];
    type: string;
    reason: string;
    caused_by?: OpenSearchErrorCause;
    [field: string]: unknown;
  };
  status: number;
}

export type TemplateVars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing variable is noticed, not hidden. */
export function fillTemplate(template: string, vars: TemplateVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * `root_cause` is the deepest *OpenSearch* exception (`OpenSearchException.guessRootCauses`), so a plain Java cause
 * such as the `IllegalArgumentException` inside an `MLException` shows only under `caused_by` (recorded on 2.19.6
 * and 3.6.0, predict steps of the asymmetric misuse).
 */
export function errorBody(spec: ErrorSpec, vars: TemplateVars = {}): OpenSearchErrorBody {
  const reason = fillTemplate(spec.reason, vars);
  const own = Object.fromEntries(
    Object.entries(spec.fields ?? {}).map(([key, value]) => [key, fillTemplate(value, vars)]),
  );
  const rootCause = [{ ...own, type: spec.type, reason }];
  if (spec.fields !== undefined && spec.cause === undefined) {
    // An OpenSearch exception's own fields (index, resource.type, …) print on the error and on its root cause.
    return { error: { root_cause: rootCause, ...own, type: spec.type, reason }, status: spec.status };
  }
  if (spec.cause === undefined) {
    return { error: { root_cause: rootCause, type: spec.type, reason }, status: spec.status };
  }
  const fields = Object.fromEntries(
    Object.entries(spec.cause.fields ?? {}).map(([key, value]) => [key, fillTemplate(value, vars)]),
  );
  const cause: OpenSearchErrorCause = {
    ...fields,
    type: spec.cause.type,
    reason: fillTemplate(spec.cause.reason, vars),
  };
  // An OpenSearch exception as cause is what guessRootCauses finds (recorded: 2.19.6 group:delete-unknown-no-index).
  const roots = spec.cause.openSearchException === true ? [cause] : rootCause;
  return { error: { root_cause: roots, type: spec.type, reason, caused_by: cause }, status: spec.status };
}

export function errorResponse(spec: ErrorSpec, vars: TemplateVars = {}): HttpResponse<OpenSearchErrorBody> {
  return HttpResponse.json(errorBody(spec, vars), { status: spec.status });
}

/** The one way handlers answer with an error: the text and status come from the active profile's table. */
export function profileError(
  profile: Profile,
  key: HttpErrorKey,
  vars: TemplateVars = {},
): HttpResponse<OpenSearchErrorBody> {
  return errorResponse(profile.errors[key], vars);
}

/** Thrown inside handler helpers to short-circuit with a profile error; `respond` turns it into a response. */
export class HttpError extends Error {
  readonly key: HttpErrorKey;
  readonly vars: TemplateVars;

  constructor(key: HttpErrorKey, vars: TemplateVars = {}) {
    super(`${key} ${JSON.stringify(vars)}`);
    this.name = 'HttpError';
    this.key = key;
    this.vars = vars;
  }
}

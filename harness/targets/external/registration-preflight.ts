/**
 * The registration side of the external pre-flight: URL registration needs its setting, a matching
 * trusted_url_regex and an artifact server the cluster can reach; chunked upload needs only its own setting. ML
 * Commons turns both settings off by default, so on a cluster left at its defaults one of them has to be changed —
 * there is no path that needs none. Given the findings (tagged by path), this decides which path the run takes,
 * which findings block it, and which belong to the path not taken (reported as notes: its checks are skipped).
 */
import type { PathAvailability, RegistrationPath } from '../target-info.ts';
import type { RegisterVia } from '../shared/choose-registration.ts';
import type { Finding } from './preflight.ts';

export interface RegistrationPreflight {
  /** The path the settings changes (if any) are for. */
  readonly via: RegistrationPath;
  /** What must be fixed for the run: common problems and those of `via`. */
  readonly blocking: readonly Finding[];
  /** Blocking problems of the other path, downgraded to notes: only that path's checks are affected. */
  readonly setAside: readonly Finding[];
  /** Set when no path can work without a change nobody may make: the error then names both paths. */
  readonly neither: boolean;
}

const blockingOn = (findings: readonly Finding[], path: RegistrationPath | undefined): Finding[] =>
  findings.filter((f) => f.severity === 'blocking' && f.path === path);

export function planRegistrationPreflight(
  findings: readonly Finding[],
  requested: RegisterVia,
  allowChanges: boolean,
): RegistrationPreflight {
  const common = blockingOn(findings, undefined);
  const url = blockingOn(findings, 'url');
  const upload = blockingOn(findings, 'upload');
  const fixable = (list: readonly Finding[]): boolean => allowChanges && list.every((f) => f.change !== undefined);
  const take = (via: RegistrationPath, neither = false): RegistrationPreflight => {
    const mine = via === 'url' ? url : upload;
    const other = via === 'url' ? upload : url;
    return {
      via,
      blocking: neither ? [...common, ...url, ...upload] : [...common, ...mine],
      setAside: neither ? [] : other.map((f) => ({ ...f, severity: 'note' as const })),
      neither,
    };
  };
  if (requested !== 'auto') {
    return take(requested);
  }
  if (url.length === 0) {
    return take('url');
  }
  if (upload.length === 0) {
    return take('upload');
  }
  // Both blocked: upload needs one setting and no network path back to this machine, so it is the smaller change.
  if (fixable(upload)) {
    return take('upload');
  }
  if (fixable(url)) {
    return take('url');
  }
  return take('upload', true);
}

const USABLE: Record<RegistrationPath, string> = {
  url: 'allow_registering_model_via_url is true, trusted_url_regex matches the artifact URL',
  upload: 'allow_registering_model_via_local_file is true',
};

/** What works on the cluster as it is now (after any changes), from a fresh set of findings. */
export function registrationAvailability(findings: readonly Finding[]): Record<RegistrationPath, PathAvailability> {
  const of = (path: RegistrationPath): PathAvailability => {
    const problems = blockingOn(findings, path);
    return problems.length === 0
      ? { usable: true, why: USABLE[path] }
      : {
          usable: false,
          reason: problems.map((f) => (f.setting === undefined ? f.problem : `${f.setting} ${f.problem}`)).join('; '),
        };
  };
  return { url: of('url'), upload: of('upload') };
}

/**
 * Which registration path a target's lifecycle takes: OMLC_REGISTER_VIA forces one (and fails when it cannot work);
 * `auto` takes URL registration where it works — it is what most users do — and chunked upload otherwise. Pure: each
 * target says what works and why (native/container/simulator from their node settings, external from its pre-flight).
 */
import type { REGISTER_VIA } from '../../config/target-vars.ts';
import type { PathAvailability, RegistrationPlan } from '../target-info.ts';

export type RegisterVia = (typeof REGISTER_VIA)[number];

export type RegistrationChoice =
  { readonly ok: true; readonly plan: RegistrationPlan } | { readonly ok: false; readonly reason: string };

function reasonOf(path: PathAvailability): string {
  return path.usable ? path.why : path.reason;
}

export function chooseRegistration(
  requested: RegisterVia,
  url: PathAvailability,
  upload: PathAvailability,
): RegistrationChoice {
  const plan = (via: 'url' | 'upload', why: string): RegistrationChoice => ({
    ok: true,
    plan: { via, why, url, upload },
  });
  if (requested !== 'auto') {
    const wanted = requested === 'url' ? url : upload;
    const name = requested === 'url' ? 'URL registration' : 'chunked upload';
    return wanted.usable
      ? plan(requested, `OMLC_REGISTER_VIA=${requested}; ${wanted.why}`)
      : { ok: false, reason: `OMLC_REGISTER_VIA=${requested}, but ${name} cannot work here: ${wanted.reason}` };
  }
  if (url.usable) {
    return plan('url', `auto: URL registration works (${url.why})`);
  }
  if (upload.usable) {
    return plan('upload', `auto: URL registration cannot work (${url.reason}); chunked upload can (${upload.why})`);
  }
  return {
    ok: false,
    reason: `neither registration path works: URL registration — ${reasonOf(url)}; chunked upload — ${reasonOf(upload)}`,
  };
}

/** A node the harness configured itself (native, container, simulator): both paths are on in its settings. */
export function configuredNodePaths(how: string): { url: PathAvailability; upload: PathAvailability } {
  return {
    url: { usable: true, why: `allow_registering_model_via_url is on in ${how}; the node reaches the artifact server` },
    upload: { usable: true, why: `allow_registering_model_via_local_file is on in ${how}` },
  };
}

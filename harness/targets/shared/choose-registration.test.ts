import { describe, expect, it } from 'vitest';
import type { PathAvailability } from '../target-info.ts';
import { chooseRegistration } from './choose-registration.ts';

const works = (why: string): PathAvailability => ({ usable: true, why });
const blocked = (reason: string): PathAvailability => ({ usable: false, reason });

describe('chooseRegistration', () => {
  it('auto prefers URL registration where it works', () => {
    expect(chooseRegistration('auto', works('url ok'), works('upload ok'))).toEqual({
      ok: true,
      plan: {
        via: 'url',
        why: 'auto: URL registration works (url ok)',
        url: works('url ok'),
        upload: works('upload ok'),
      },
    });
  });

  it('auto falls back to upload, saying why URL registration cannot work', () => {
    const choice = chooseRegistration('auto', blocked('allow_registering_model_via_url is false'), works('on'));
    expect(choice).toMatchObject({
      ok: true,
      plan: {
        via: 'upload',
        why: 'auto: URL registration cannot work (allow_registering_model_via_url is false); chunked upload can (on)',
      },
    });
  });

  it('auto with neither path names both reasons', () => {
    expect(chooseRegistration('auto', blocked('url off'), blocked('local file off'))).toEqual({
      ok: false,
      reason: 'neither registration path works: URL registration — url off; chunked upload — local file off',
    });
  });

  it('a forced path is taken when it works and refused with its reason when it does not', () => {
    expect(chooseRegistration('upload', works('url ok'), works('on'))).toMatchObject({
      ok: true,
      plan: { via: 'upload', why: 'OMLC_REGISTER_VIA=upload; on' },
    });
    expect(chooseRegistration('url', blocked('unreachable'), works('on'))).toEqual({
      ok: false,
      reason: 'OMLC_REGISTER_VIA=url, but URL registration cannot work here: unreachable',
    });
  });
});

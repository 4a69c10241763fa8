import { describe, expect, it } from 'vitest';
import { usageError } from './testing/usage-error.ts';
import { planImageBuild } from './image-verb.ts';
import { mainHelp } from './main.ts';

describe('planImageBuild', () => {
  it('builds the configured versions, else the default live versions', () => {
    expect(planImageBuild(['build'])).toEqual({ versions: ['2.19.6', '3.6.0'], force: false });
    expect(planImageBuild(['build'], ['2.19.1'])).toEqual({ versions: ['2.19.1'], force: false });
  });

  it('takes --version repeated or comma-separated (once each), and --force', () => {
    expect(planImageBuild(['build', '--version', '3.6.0', '--version', '2.19.6, 3.6.0', '--force'], ['9.9.9'])).toEqual(
      { versions: ['3.6.0', '2.19.6'], force: true },
    );
  });

  it('refuses a missing or unknown action and versions that are not x.y.z', () => {
    expect(usageError(() => planImageBuild([]))).toBe('say what to do: image build');
    expect(usageError(() => planImageBuild(['push']))).toBe('unknown action push');
    expect(usageError(() => planImageBuild(['build', '--version', '2.19']))).toBe(
      '--version 2.19: give full versions such as 2.19.6',
    );
    expect(usageError(() => planImageBuild(['build', '--tag', 'x']))).toBe('unknown option --tag');
  });

  it('is listed in the main help', () => {
    expect(mainHelp()).toMatch(/\n {2}image +build the local OpenSearch images for OMLC_CONTAINER_IMAGE=local/);
  });
});

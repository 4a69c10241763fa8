/** Starts (or connects to) the live target of the decided kind. */
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';
import { startExternalTarget } from './start-external.ts';
import { startNativeTarget } from './start-native.ts';

export async function startLiveTarget(
  kind: 'native' | 'container' | 'external',
  context: LiveStartContext,
): Promise<StartedLiveTarget> {
  switch (kind) {
    case 'native':
      return startNativeTarget(context);
    case 'container': {
      // Loaded on demand: testcontainers (dockerode, ssh2, …) stays out of native and external runs.
      const { startContainerTarget } = await import('./start-container.ts');
      return startContainerTarget(context);
    }
    case 'external':
      return startExternalTarget(context);
  }
}

/** Starts (or connects to) the live target of the decided kind. */
import type { LiveStartContext, StartedLiveTarget } from './started-target.ts';
import { startNativeTarget } from './start-native.ts';

export async function startLiveTarget(
  kind: 'native' | 'container' | 'external',
  context: LiveStartContext,
): Promise<StartedLiveTarget> {
  switch (kind) {
    case 'native':
      return startNativeTarget(context);
    case 'container':
    case 'external':
      throw new Error(`the ${kind} target is not wired yet`);
  }
}

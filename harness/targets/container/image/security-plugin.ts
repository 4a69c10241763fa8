/**
 * Whether the local image of a version contains the security plugin. The official image always does; the local one
 * only where Maven Central serves the plugin's zip (the native target's list), so security can be switched on there.
 */
import { SECURITY_PLUGIN_VERSIONS } from '../../native/security-install.ts';

export function localImageHasSecurityPlugin(version: string): boolean {
  return (SECURITY_PLUGIN_VERSIONS as readonly string[]).includes(version);
}

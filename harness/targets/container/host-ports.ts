/**
 * Ports for a container on the host network: free loopback ports, or the ports of the container a reusing run
 * attaches to. testcontainers reuses a container when the create options hash the same, and the ports are part of
 * the environment, so a reusing run must ask for exactly the ports the kept container listens on.
 */
import { createHash } from 'node:crypto';
import type { ContainerRuntimeClient } from 'testcontainers';
import { freePorts } from '../native/cluster.ts';
import type { ContainerConfig, LoopbackPorts } from './container-config.ts';
import { CONTAINER_LABELS } from './container-cleanup.ts';

/** What makes two runs' containers interchangeable (everything else in the create options follows from it). */
export function reuseKey(config: ContainerConfig): string {
  const material = { image: config.image, version: config.version, security: config.security.enabled, network: 'host' };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex').slice(0, 16);
}

export function reuseLabels(key: string, ports: LoopbackPorts): Record<string, string> {
  return {
    [CONTAINER_LABELS.managed]: 'true',
    [CONTAINER_LABELS.reuseKey]: key,
    [CONTAINER_LABELS.httpPort]: String(ports.http),
    [CONTAINER_LABELS.transportPort]: String(ports.transport),
  };
}

export function portsFromLabels(labels: Readonly<Record<string, string>>): LoopbackPorts | undefined {
  const http = Number(labels[CONTAINER_LABELS.httpPort]);
  const transport = Number(labels[CONTAINER_LABELS.transportPort]);
  return Number.isInteger(http) && http > 0 && Number.isInteger(transport) && transport > 0
    ? { http, transport }
    : undefined;
}

export async function loopbackPorts(
  client: Pick<ContainerRuntimeClient, 'container'>,
  key: string | undefined,
): Promise<{ ports: LoopbackPorts; remembered: boolean }> {
  if (key !== undefined) {
    const kept = await client.container.fetchByLabel(CONTAINER_LABELS.reuseKey, key, {
      status: ['created', 'running', 'paused', 'exited'],
    });
    const ports = kept === undefined ? undefined : portsFromLabels((await kept.inspect()).Config.Labels);
    if (ports !== undefined) {
      return { ports, remembered: true };
    }
  }
  const [http, transport] = await freePorts(2);
  return { ports: { http, transport }, remembered: false };
}

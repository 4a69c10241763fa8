import { describe, expect, it } from 'vitest';
import { nodeSettings, renderOpenSearchYml, rewriteJvmOptions, type NodeConfig } from './config.ts';

const base: NodeConfig = {
  version: '2.19.6',
  clusterName: 'omlc-native-x',
  nodeName: 'omlc-node',
  httpPort: 19200,
  transportPort: 19300,
  dataDir: '/var/tmp/run 1/data',
  logsDir: '/var/tmp/run 1/logs',
};

describe('renderOpenSearchYml', () => {
  it('writes the CI-safe single-node settings', () => {
    const yml = renderOpenSearchYml(base);
    for (const line of [
      'discovery.type: "single-node"',
      'network.host: "127.0.0.1"',
      'http.port: 19200',
      'transport.port: 19300',
      'path.data: "/var/tmp/run 1/data"',
      'path.logs: "/var/tmp/run 1/logs"',
      'cluster.routing.allocation.disk.threshold_enabled: false',
      'plugins.ml_commons.only_run_on_ml_node: false',
      'plugins.ml_commons.allow_registering_model_via_url: true',
      'plugins.ml_commons.allow_registering_model_via_local_file: true',
      'plugins.ml_commons.jvm_heap_memory_threshold: 100',
      'plugins.ml_commons.native_memory_threshold: 100',
      'plugins.ml_commons.model_auto_redeploy.enable: false',
    ]) {
      expect(yml.split('\n')).toContain(line);
    }
  });

  it.for([
    ['2.15.0', false],
    ['2.16.0', true],
    ['2.19.6', true],
    ['3.6.0', true],
  ] as const)('disk_free_space_threshold on %s: %s (the setting exists from 2.16)', ([version, present]) => {
    const yml = renderOpenSearchYml({ ...base, version });
    expect(yml.includes('plugins.ml_commons.disk_free_space_threshold: 0')).toBe(present);
  });

  it('lets extra settings override defaults', () => {
    const settings = nodeSettings({
      ...base,
      extraSettings: { 'plugins.ml_commons.jvm_heap_memory_threshold': 95, x: 'y' },
    });
    expect(settings['plugins.ml_commons.jvm_heap_memory_threshold']).toBe(95);
    expect(settings.x).toBe('y');
  });
});

describe('rewriteJvmOptions', () => {
  it('moves relative log and heap-dump paths out of the shared install', () => {
    const input = [
      '-XX:HeapDumpPath=data',
      '-XX:ErrorFile=logs/hs_err_pid%p.log',
      '8:-Xloggc:logs/gc.log',
      '9-:-Xlog:gc*,gc+age=trace,safepoint:file=logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m',
      '-Xms1g',
    ].join('\n');
    expect(rewriteJvmOptions(input, '/r/logs', '/r').split('\n')).toEqual([
      '-XX:HeapDumpPath=/r',
      '-XX:ErrorFile=/r/logs/hs_err_pid%p.log',
      '8:-Xloggc:/r/logs/gc.log',
      '9-:-Xlog:gc*,gc+age=trace,safepoint:file=/r/logs/gc.log:utctime,pid,tags:filecount=32,filesize=64m',
      '-Xms1g',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { interpretProbe, probeArtifactServer, probeCommand } from './reachability.ts';

const exec = (exitCode: number, stdout: string, stderr = '') => ({ exitCode, stdout, stderr, output: stdout + stderr });

describe('interpretProbe', () => {
  it('any HTTP status is reachable (the probe path is unpublished, so 404 is the normal answer)', () => {
    expect(interpretProbe(exec(0, '404'))).toEqual({ status: 'reachable', httpStatus: 404 });
    expect(interpretProbe(exec(0, '200\n'))).toEqual({ status: 'reachable', httpStatus: 200 });
  });

  it.for([
    [7, 'curl: (7) Failed to connect to host.testcontainers.internal port 41234 after 1 ms: Connection refused'],
    [6, 'curl: (6) Could not resolve host: host.testcontainers.internal'],
    [28, 'curl: (28) Connection timed out after 10001 milliseconds'],
  ] as const)('curl exit %i is unreachable, with curl’s message', ([code, stderr]) => {
    expect(interpretProbe(exec(code, '000', `${stderr}\n`))).toEqual({ status: 'unreachable', detail: stderr });
  });

  it('a missing curl leaves the route unchecked instead of refusing the target', () => {
    expect(interpretProbe(exec(127, '', 'sh: curl: command not found'))).toMatchObject({ status: 'unchecked' });
    const oci =
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH';
    expect(interpretProbe({ exitCode: 126, stdout: '', stderr: '', output: oci })).toEqual({
      status: 'unchecked',
      detail: `curl is not available in the image (${oci})`,
    });
  });
});

describe('probeArtifactServer', () => {
  it('runs curl against an unpublished path under the artifact base URL', async () => {
    const commands: unknown[] = [];
    const result = await probeArtifactServer(
      {
        exec: (command) => {
          commands.push(command);
          return Promise.resolve(exec(0, '404'));
        },
      },
      'http://host.testcontainers.internal:41234',
    );
    expect(result.status).toBe('reachable');
    expect(commands).toEqual([probeCommand('http://host.testcontainers.internal:41234')]);
    expect(probeCommand('http://h:1')).toEqual([
      'curl',
      '-sS',
      '-o',
      '/dev/null',
      '--max-time',
      '10',
      '-w',
      '%{http_code}',
      'http://h:1/omlc-reachability-probe',
    ]);
  });

  it('an exec that throws leaves the route unchecked', async () => {
    const result = await probeArtifactServer(
      { exec: () => Promise.reject(new Error('exec API unavailable')) },
      'http://h:1',
    );
    expect(result).toEqual({
      status: 'unchecked',
      detail: 'could not run curl in the container: exec API unavailable',
    });
  });
});

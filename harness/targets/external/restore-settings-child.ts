/**
 * Child process of emergency-restore.ts: one `PUT _cluster/settings` with the restore body, through the same
 * transport as the harness (TLS, CA file, basic auth or SigV4). Exit code 0 on success.
 */
import { errorMessage } from '../../errors/error-message.ts';
import { createMlTransport } from '../../ml/transport.ts';
import { readFileSync } from 'node:fs';
import type { EmergencyRestorePayload } from './emergency-restore.ts';

const raw = readFileSync(0, 'utf8');
if (raw.trim() === '') {
  console.error('no restore payload on standard input');
  process.exit(2);
}
const payload = JSON.parse(raw) as EmergencyRestorePayload;
const transport = createMlTransport(payload.connection, { requestTimeoutMs: 10_000 });
try {
  await transport.send({ method: 'PUT', path: '/_cluster/settings', body: JSON.parse(payload.body) as unknown });
} catch (error) {
  console.error(errorMessage(error));
  process.exitCode = 1;
} finally {
  await transport.close();
}

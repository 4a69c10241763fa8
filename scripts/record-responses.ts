/**
 * Records what a real cluster answers to the recording scenario (harness/recordings/scenario.ts) into
 * fixtures/recordings/<version>/responses.json. The simulator's tests compare its answers with these files.
 *
 *   npx node scripts/record-responses.ts --url http://127.0.0.1:9200
 *
 * The cluster must reach this machine's loopback artifact server (a native node does) and allow URL
 * registration on its data node (the native target's settings).
 */
import { parseArgs } from 'node:util';
import { startArtifactServer } from '../harness/artifacts/artifact-server.ts';
import { createMlTransport } from '../harness/ml/transport.ts';
import { loadCards } from '../harness/models/load-cards.ts';
import { loadNegativeCases } from '../harness/models/load-negative-cases.ts';
import { writeRecording } from '../harness/recordings/recording-file.ts';
import { recordingFixtures } from '../harness/recordings/recording-fixtures.ts';
import { runRecordingScenario } from '../harness/recordings/scenario.ts';
import { mlClientOver } from '../harness/ml/client.ts';

const { values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' } } });
if (values.url === undefined) {
  console.error('usage: npx node scripts/record-responses.ts --url <cluster url> [--out fixtures/recordings]');
  process.exit(2);
}
const transport = createMlTransport({ baseUrl: values.url });
const artifacts = await startArtifactServer();
try {
  const { versionNumber } = await mlClientOver(transport).info();
  console.log(`[record] OpenSearch ${versionNumber} at ${values.url}; artifacts at ${artifacts.baseUrl}`);
  const fixtures = await recordingFixtures(loadCards(), loadNegativeCases(), artifacts, Date.now().toString(36));
  const exchanges = await runRecordingScenario(transport, fixtures);
  const file = writeRecording(
    {
      format: 'opensearch-ml-conformance/recording@1',
      version: versionNumber,
      recordedAt: new Date().toISOString(),
      exchanges,
    },
    values.out,
  );
  console.log(`[record] ${exchanges.length} exchanges written to ${file}`);
} finally {
  await artifacts.close();
  await transport.close();
}

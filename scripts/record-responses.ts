/**
 * Records what a real cluster answers to a recording scenario (harness/recordings/recording-scenarios.ts) into
 * fixtures/recordings/<version>/<scenario file>. The simulator's tests compare its answers with these files.
 *
 *   npx node scripts/record-responses.ts --url http://127.0.0.1:9200 [--scenario lifecycle|upload] [--out dir]
 *
 * The cluster must reach this machine's loopback artifact server (a native node does) and allow URL registration
 * (lifecycle) or local-file registration (upload) on its data node — the native target's settings. The lifecycle
 * scenario also needs a node that never saw an ML request.
 */
import { parseArgs } from 'node:util';
import { startArtifactServer } from '../harness/artifacts/artifact-server.ts';
import { mlClientOver } from '../harness/ml/client.ts';
import { createMlTransport } from '../harness/ml/transport.ts';
import { loadCards } from '../harness/models/load-cards.ts';
import { loadNegativeCases } from '../harness/models/load-negative-cases.ts';
import { writeRecording } from '../harness/recordings/recording-file.ts';
import { isScenarioName, RECORDING_SCENARIOS } from '../harness/recordings/recording-scenarios.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    out: { type: 'string' },
    scenario: { type: 'string', default: 'lifecycle' },
  },
});
const scenarioName = values.scenario;
if (values.url === undefined || !isScenarioName(scenarioName)) {
  console.error(
    `usage: npx node scripts/record-responses.ts --url <cluster url> [--scenario ${Object.keys(RECORDING_SCENARIOS).join('|')}] [--out fixtures/recordings]`,
  );
  process.exit(2);
}
const scenario = RECORDING_SCENARIOS[scenarioName];
const transport = createMlTransport({ baseUrl: values.url });
const artifacts = await startArtifactServer();
try {
  const { versionNumber } = await mlClientOver(transport).info();
  console.log(
    `[record] ${scenarioName}: OpenSearch ${versionNumber} at ${values.url}; artifacts at ${artifacts.baseUrl}`,
  );
  const inputs = { cards: loadCards(), negatives: loadNegativeCases(), artifacts, runSuffix: Date.now().toString(36) };
  const exchanges = await scenario.run(transport, inputs);
  const file = writeRecording(
    {
      format: 'opensearch-ml-conformance/recording@1',
      version: versionNumber,
      recordedAt: new Date().toISOString(),
      exchanges,
    },
    values.out,
    scenario.file,
  );
  console.log(`[record] ${exchanges.length} exchanges written to ${file}`);
} finally {
  await artifacts.close();
  await transport.close();
}

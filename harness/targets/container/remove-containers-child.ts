/**
 * Run synchronously by container-cleanup.ts when the run is interrupted: force-removes the containers named in
 * OMLC_REMOVE_CONTAINERS (a JSON array of ids) through the same runtime testcontainers found. Exit 1 if any removal
 * failed (a container already gone counts as removed).
 */
import { getContainerRuntimeClient } from 'testcontainers';

const ids = JSON.parse(process.env['OMLC_REMOVE_CONTAINERS'] ?? '[]') as string[];
const client = await getContainerRuntimeClient();
let failed = false;
for (const id of ids) {
  try {
    await client.container.getById(id).remove({ force: true, v: true });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== 404) {
      failed = true;
      console.error(`${id.slice(0, 12)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
process.exit(failed ? 1 : 0);

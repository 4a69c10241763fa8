/**
 * Run synchronously by container-cleanup.ts when the run is interrupted: force-removes the containers whose ids it
 * gets as a JSON array on stdin, through the same runtime testcontainers finds. Exit 1 if any removal failed (a
 * container that is already gone counts as removed).
 */
import { text } from 'node:stream/consumers';
import { getContainerRuntimeClient } from 'testcontainers';
import { isContainerGone } from './container-gone.ts';

const ids = JSON.parse(await text(process.stdin)) as string[];
const client = await getContainerRuntimeClient();
let failed = false;
for (const id of ids) {
  try {
    await client.container.getById(id).remove({ force: true, v: true });
  } catch (error) {
    if (!isContainerGone(error)) {
      failed = true;
      console.error(`${id.slice(0, 12)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
process.exit(failed ? 1 : 0);

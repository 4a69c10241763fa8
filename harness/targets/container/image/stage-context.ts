/**
 * Writes the build context for one image: the trees hard-linked into place (never written through: files that differ
 * from the install, like `config/opensearch.yml`, are fresh files), the entrypoint and the Dockerfile.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stageTree } from './file-tree.ts';
import type { ImageInputs } from './image-inputs.ts';
import { CONTEXT } from './image-spec.ts';

export async function stageContext(inputs: ImageInputs, contextDir: string): Promise<void> {
  await mkdir(contextDir, { recursive: true, mode: 0o755 });
  await stageTree(inputs.jdk, join(contextDir, CONTEXT.jdk));
  const opensearch = join(contextDir, CONTEXT.opensearch);
  await stageTree(inputs.install, opensearch);
  await stageTree(inputs.libtorch, join(opensearch, ...inputs.libtorchRel.split('/')));
  await writeFile(join(opensearch, 'config', 'opensearch.yml'), inputs.opensearchYml, { mode: 0o644 });
  const entrypoint = join(contextDir, CONTEXT.entrypoint);
  await writeFile(entrypoint, inputs.entrypoint);
  // Docker keeps the file mode; the classic builder has no COPY --chmod.
  await chmod(entrypoint, 0o755);
  await writeFile(join(contextDir, CONTEXT.dockerfile), inputs.dockerfile);
}

/**
 * Zip extraction through `unzip` (keeps the executable bits of bin/*), falling back to the JDK's `jar`, which every
 * machine that can run the node has. Node has no streaming unzip built in, and the ML Commons zip is ~375 MB.
 */
import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { findOnPath, isExecutable, runChecked } from './exec.ts';

export interface ExtractOptions {
  /** Entry names or directory prefixes (ending in `/`) to extract; everything when omitted. */
  readonly entries?: readonly string[];
  /** JDK whose `bin/jar` is the fallback extractor. */
  readonly jdkHome: string;
  readonly signal?: AbortSignal;
}

export async function extractZip(zip: string, dest: string, options: ExtractOptions): Promise<void> {
  const entries = options.entries ?? [];
  const unzip = await findOnPath('unzip');
  if (unzip !== undefined) {
    const patterns = entries.map((e) => (e.endsWith('/') ? `${e}*` : e));
    await runChecked(`unzip ${zip}`, unzip, ['-q', '-o', zip, ...patterns, '-d', dest], { signal: options.signal });
    return;
  }
  const jar = join(options.jdkHome, 'bin', 'jar');
  if (!(await isExecutable(jar))) {
    throw new Error(`cannot extract ${zip}: neither unzip (apt-get install -y unzip) nor ${jar} is available`);
  }
  await runChecked(`jar xf ${zip}`, jar, ['xf', zip, ...entries], { cwd: dest, signal: options.signal });
}

/** `jar` drops permissions; the distribution's launch scripts must be executable. */
export async function restoreExecutableBits(home: string): Promise<void> {
  const bin = join(home, 'bin');
  for (const name of await readdir(bin)) {
    if (!name.endsWith('.bat') && !name.endsWith('.exe')) {
      await chmod(join(bin, name), 0o755);
    }
  }
}

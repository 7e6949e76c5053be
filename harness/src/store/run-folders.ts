// Which folders under a results root are runs: those holding a run.json. Anything else there (a
// stray folder, an older harness's calibration/ folder) is not a run and is passed over.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RUN_FILE, RUN_ID_PATTERN } from '../results/layout.ts';

/** Run folder names under the results root, oldest first (run ids sort by time). */
export async function runFolderIds(resultsRoot: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(resultsRoot, { withFileTypes: true });
  } catch {
    return [];
  }
  const candidates = entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
  const isRun = await Promise.all(candidates.map((name) => stat(path.join(resultsRoot, name, RUN_FILE)).then(() => true, () => false)));
  return candidates.filter((_, i) => isRun[i]).sort();
}

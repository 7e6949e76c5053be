// What `harness push` was given, as (results root, run ids) groups: the same run references every
// command accepts (store/resolve-runs.ts), resolved to folders on disk because push uploads files.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { RUN_FILE, RUN_ID_PATTERN } from '../results/layout.ts';
import { FileStore } from './file-store.ts';
import { LATEST } from './resolve-runs.ts';
import { runFolderIds } from './run-folders.ts';

export interface PushTarget {
  resultsRoot: string;
  runIds: string[];
}

const exists = (p: string) => stat(p).then(() => true, () => false);

export type ResolvedTargets = { ok: true; targets: PushTarget[] } | { ok: false; problems: string[] };

/** `latest`, run ids under `resultsRoot`, run folders (`results/<id>/`) or folders of runs. */
export async function resolvePushTargets(refs: readonly string[], resultsRoot: string): Promise<ResolvedTargets> {
  const problems: string[] = [];
  const byRoot = new Map<string, Set<string>>();
  const add = (root: string, ids: readonly string[]) => {
    const set = byRoot.get(root) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byRoot.set(root, set);
  };
  for (const raw of refs) {
    const ref = raw.trim();
    if (ref === LATEST) {
      const [latest] = await new FileStore(resultsRoot).listRuns({ limit: 1 });
      if (latest) add(resultsRoot, [latest.run_id]);
      else problems.push(`no run under ${resultsRoot} yet (run \`npm run bench\` first)`);
      continue;
    }
    const asPath = path.resolve(ref);
    if (ref.includes('/') || ref.startsWith('.') || (await exists(asPath))) {
      if (await exists(path.join(asPath, RUN_FILE))) {
        add(path.dirname(asPath), [path.basename(asPath)]);
        continue;
      }
      const ids = await runFolderIds(asPath);
      if (ids.length) add(asPath, ids);
      else problems.push(`${ref}: not a run folder (no ${RUN_FILE}) nor a folder of runs`);
      continue;
    }
    if (!RUN_ID_PATTERN.test(ref)) {
      problems.push(`"${ref}" is not a run id, a run folder or "latest"`);
      continue;
    }
    if (await exists(path.join(resultsRoot, ref, RUN_FILE))) add(resultsRoot, [ref]);
    else problems.push(`no run folder ${ref} under ${resultsRoot}`);
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, targets: [...byRoot].map(([root, ids]) => ({ resultsRoot: root, runIds: [...ids].sort() })) };
}

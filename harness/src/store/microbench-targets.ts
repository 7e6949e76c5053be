// What `harness push --microbench` was given, as results read from their folders: `latest`, ids
// under the microbench root, result folders (microbench/<id>/) or folders of them. Every
// reference is resolved and every file validated before anything is pushed, so one bad
// reference stops the push with all the problems at once.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { MICROBENCH_RESULT_FILE, RUN_ID_PATTERN } from '../results/layout.ts';
import type { StoredMicrobench } from '../results/microbench-schema.ts';
import { MicrobenchFileError, MicrobenchFileStore } from './microbench-file-store.ts';
import { LATEST } from './resolve-runs.ts';

const exists = (p: string) => stat(p).then(() => true, () => false);

export type ResolvedMicrobench = { ok: true; results: StoredMicrobench[] } | { ok: false; problems: string[] };

async function readAll(store: MicrobenchFileStore, ids: readonly string[], problems: string[]): Promise<StoredMicrobench[]> {
  const out: StoredMicrobench[] = [];
  for (const id of ids) {
    try {
      const r = await store.read(id);
      if (r) out.push(r);
      else problems.push(`no microbench result ${id} under ${store.root}`);
    } catch (err) {
      if (!(err instanceof MicrobenchFileError)) throw err;
      problems.push(err.message);
    }
  }
  return out;
}

export async function resolveMicrobenchTargets(refs: readonly string[], root: string, all: boolean): Promise<ResolvedMicrobench> {
  const problems: string[] = [];
  const results = new Map<string, StoredMicrobench>();
  const add = (rs: StoredMicrobench[]) => rs.forEach((r) => results.set(r.id, r));
  const rootStore = new MicrobenchFileStore(root);
  if (all) add(await readAll(rootStore, await rootStore.ids(), problems));
  for (const raw of refs) {
    const ref = raw.trim();
    if (ref === LATEST) {
      const [newest] = await rootStore.listMicrobench(1);
      if (newest) add(await readAll(rootStore, [newest.id], problems));
      else problems.push(`no microbench result under ${root} yet (run \`npm run microbench\` first)`);
      continue;
    }
    const asPath = path.resolve(ref);
    if (ref.includes('/') || ref.startsWith('.') || (await exists(asPath))) {
      if (await exists(path.join(asPath, MICROBENCH_RESULT_FILE))) {
        add(await readAll(new MicrobenchFileStore(path.dirname(asPath)), [path.basename(asPath)], problems));
        continue;
      }
      const folder = new MicrobenchFileStore(asPath);
      const ids = await folder.ids();
      if (ids.length) add(await readAll(folder, ids, problems));
      else problems.push(`${ref}: not a microbench result folder (no ${MICROBENCH_RESULT_FILE}) nor a folder of them`);
      continue;
    }
    if (!RUN_ID_PATTERN.test(ref)) {
      problems.push(`"${ref}" is not a microbench result id, a result folder or "latest"`);
      continue;
    }
    add(await readAll(rootStore, [ref], problems));
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, results: [...results.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

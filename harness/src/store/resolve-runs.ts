// Turns what a user typed for a run into runs, the same way for every command (report, push,
// compare, gate, claims): `latest`, a run id (looked up in the store), a path to a run folder
// (`results/<id>/`), a path to a folder of run folders (e.g. a downloaded CI artifact), or a store
// query such as "branch=main,last=5". Problems are returned, all of them, never thrown: the
// command prints them and exits 2.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RUN_FILE, RUN_ID_PATTERN } from '../results/layout.ts';
import { readRunDir, ResultFileError } from '../results/read-run.ts';
import { RunStatus, type RunRecord } from '../results/schema.ts';
import type { RunFilter, StoreReader } from './types.ts';

export type Resolved = { ok: true; runs: RunRecord[]; described: string } | { ok: false; problems: string[] };

export interface RunQuery {
  branch?: string;
  last: number;
  status?: RunStatus;
  scenario?: string;
  processor?: string;
}

const QUERY_KEYS = ['branch', 'last', 'status', 'scenario', 'processor'] as const;

export function parseQuery(spec: string): { ok: true; query: RunQuery } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const query: RunQuery = { last: 5, status: 'complete' };
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value, ...rest] = item.split('=');
    if (value === undefined || rest.length || !value) {
      problems.push(`query item "${item}" is not key=value`);
      continue;
    }
    switch (key) {
      case 'branch':
      case 'scenario':
      case 'processor':
        query[key] = value;
        break;
      case 'last': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > 1000) problems.push(`query "last=${value}": expected a whole number from 1 to 1000`);
        else query.last = n;
        break;
      }
      case 'status':
        if (value === 'any') delete query.status;
        else if ((RunStatus.options as readonly string[]).includes(value)) query.status = value as RunStatus;
        else problems.push(`query "status=${value}": expected ${RunStatus.options.join(', ')} or any`);
        break;
      default:
        problems.push(`query key "${key}" is unknown (known: ${QUERY_KEYS.join(', ')})`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, query };
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function readFolder(dir: string): Promise<Resolved> {
  const problems: string[] = [];
  const read = async (d: string): Promise<RunRecord | undefined> => {
    try {
      return await readRunDir(d);
    } catch (err) {
      if (err instanceof ResultFileError) problems.push(...err.problems.map((p) => `${err.file}: ${p}`));
      else problems.push(`${d}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };
  if (await stat(path.join(dir, RUN_FILE)).then(() => true, () => false)) {
    const run = await read(dir);
    return run ? { ok: true, runs: [run], described: dir } : { ok: false, problems };
  }
  // A folder of run folders (a results root, or a downloaded artifact holding several runs).
  const children = (await readdir(dir)).sort();
  const runs: RunRecord[] = [];
  for (const c of children) {
    const d = path.join(dir, c);
    if (await stat(path.join(d, RUN_FILE)).then(() => true, () => false)) {
      const run = await read(d);
      if (run) runs.push(run);
    }
  }
  if (problems.length) return { ok: false, problems };
  if (runs.length === 0) return { ok: false, problems: [`${dir} holds no run (no ${RUN_FILE} in it or in its subfolders)`] };
  return { ok: true, runs, described: `${runs.length} run(s) in ${dir}` };
}

/** Resolves a run id, a run folder, a folder of runs, or a query ("branch=main,last=5"). */
export async function resolveRuns(spec: string, store: StoreReader, exclude: readonly string[] = []): Promise<Resolved> {
  const s = spec.trim();
  if (s === '') return { ok: false, problems: ['an empty run reference'] };
  if (s === LATEST) {
    const run = await store.latestRun();
    return run ? { ok: true, runs: [run], described: run.manifest.run_id } : { ok: false, problems: [`the ${store.name} store has no run yet (run \`npm run bench\` first)`] };
  }
  if (s.includes('=')) {
    const q = parseQuery(s);
    if (!q.ok) return q;
    const filter: RunFilter = { limit: q.query.last + exclude.length };
    if (q.query.branch) filter.branch = q.query.branch;
    if (q.query.status) filter.status = q.query.status;
    if (q.query.scenario) filter.scenario = q.query.scenario;
    if (q.query.processor) filter.processor = q.query.processor;
    const summaries = (await store.listRuns(filter)).filter((r) => !exclude.includes(r.run_id)).slice(0, q.query.last);
    if (summaries.length === 0) return { ok: false, problems: [`no run in the ${store.name} store matches "${s}"`] };
    const runs: RunRecord[] = [];
    const problems: string[] = [];
    for (const r of summaries) {
      const run = await store.getRun(r.run_id);
      if (run) runs.push(run);
      else problems.push(`run ${r.run_id} is listed but could not be read`);
    }
    return problems.length ? { ok: false, problems } : { ok: true, runs, described: `${runs.length} run(s) matching "${s}"` };
  }
  if (s.includes('/') || s.startsWith('.') || (await isDir(s))) {
    if (!(await isDir(s))) return { ok: false, problems: [`${s} is not a folder (expected a run folder, a folder of runs, a run id or a query like branch=main,last=5)`] };
    return readFolder(s);
  }
  if (!RUN_ID_PATTERN.test(s)) return { ok: false, problems: [`"${s}" is not a run id, a run folder, "latest" or a query like branch=main,last=5`] };
  const run = await store.getRun(s);
  if (!run) return { ok: false, problems: [`run "${s}" does not exist in the ${store.name} store`] };
  return { ok: true, runs: [run], described: s };
}

/** The reference that means the newest run in the store. */
export const LATEST = 'latest';

/** Exactly one run (report, --candidate, --run), `latest` by default. */
export async function resolveOne(spec: string | undefined, store: StoreReader, what = 'the run'): Promise<{ ok: true; run: RunRecord } | { ok: false; problems: string[] }> {
  const r = await resolveRuns(spec ?? LATEST, store);
  if (!r.ok) return r;
  if (r.runs.length !== 1) return { ok: false, problems: [`${what} must be one run; "${spec}" is ${r.runs.length}`] };
  return { ok: true, run: r.runs[0]! };
}

// `npm run report:spread -- <run>`: the repeatability table of one run (report/tail-spread.ts).
import { renderTailSpreadMarkdown, tailSpread } from './tail-spread.ts';
import { resolveOne } from '../store/resolve-runs.ts';
import { openStore, storeConfigFromEnv } from '../store/index.ts';

const store = await openStore(storeConfigFromEnv({}));
try {
  const r = await resolveOne(process.argv[2], store);
  if (!r.ok) {
    process.stderr.write(`report:spread: ${r.problems.join('; ')}\n`);
    process.exitCode = 2;
  } else {
    process.stdout.write(`run ${r.run.manifest.run_id}\n\n${renderTailSpreadMarkdown(tailSpread(r.run))}`);
  }
} finally {
  await store.close();
}

// The golden vectors against a processor that is already running (run.sh's sanitizer build),
// through the harness's own runner: the same requests and checks as `harness verify`.
//   node --import tsx processors/cpp/sanitize/run-vectors.ts --url http://127.0.0.1:PORT
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadVectors, runVectors } from '../../../harness/src/verify/index.ts';

const { values: args } = parseArgs({ options: { url: { type: 'string' } } });
if (!args.url) {
  process.stderr.write('run-vectors: --url http://127.0.0.1:PORT is required\n');
  process.exit(2);
}
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const result = await runVectors('cpp', args.url.replace(/\/$/, ''), loadVectors(repoRoot));
for (const f of result.failures) process.stdout.write(`${f.vector} step ${f.step} ${f.request}: ${f.path} ${f.message} (expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)})\n`);
process.stdout.write(`run-vectors: ${result.files} files, ${result.steps} steps, ${result.failures.length} failure(s)\n`);
process.exit(result.failures.length === 0 ? 0 : 1);

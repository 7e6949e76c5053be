// `harness calibrate`: measure the load driver itself against a trivial server, side by side with
// oha (reference open-loop tool) and autocannon (closed-loop capacity). See calibrate/calibrate.ts.
import type { Command } from 'commander';
import { calibrate } from '../calibrate/calibrate.ts';
import { renderCalibration } from '../calibrate/render.ts';
import { UserError } from '../errors/user-error.ts';

interface CalibrateFlags {
  rate: string;
  duration: string;
  repeats: string;
  serverCpus: string;
  loadCpus: string;
  json?: boolean;
  realtime?: boolean;
  results?: string;
}

function positive(name: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UserError(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`);
  return n;
}

function cpuList(name: string, text: string): string {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) throw new UserError(`--${name} must be a CPU list like 0 or 0-1, got ${JSON.stringify(text)}`);
  return text;
}

export function register(program: Command): void {
  program
    .command('calibrate')
    .description('measure the load driver against a trivial server: latency vs oha at the same open-loop rate, max accurate rate vs autocannon, and the driver floor')
    .option('--rate <req/s>', 'open-loop rate for the comparison', '5000')
    .option('--duration <s>', 'measured seconds per run', '10')
    .option('--repeats <n>', 'runs of each tool, interleaved (medians are reported)', '3')
    .option('--server-cpus <list>', 'CPUs for trivial-server', '0')
    .option('--load-cpus <list>', 'CPUs for the load tool (driver, oha, autocannon)', '1')
    .option('--results <dir>', 'folder for the JSON result (default: calibration/ in the repository)')
    .option('--realtime', 'run the server and load tools at real-time FIFO priority (chrt; needs root) to shield them from other work on a shared machine')
    .option('--json', 'print the result as JSON instead of a table')
    .action(async (flags: CalibrateFlags) => {
      const { result, path } = await calibrate({
        rate_per_s: positive('rate', flags.rate, false),
        duration_s: positive('duration', flags.duration, false),
        repeats: positive('repeats', flags.repeats, true),
        server_cpus: cpuList('server-cpus', flags.serverCpus),
        load_cpus: cpuList('load-cpus', flags.loadCpus),
        realtime: flags.realtime === true,
        ...(flags.results !== undefined && { results_dir: flags.results }),
        onProgress: (line) => process.stderr.write(`harness: ${line}\n`),
      });
      process.stdout.write(flags.json ? JSON.stringify(result, null, 2) + '\n' : renderCalibration(result));
      process.stderr.write(`harness: wrote ${path}\n`);
    });
}

// Runs autocannon in its own (pinned) process: the load tool gets its own core, as the driver
// does, and its CPU use is measured alone. Reads ClosedLoopChildInput as JSON on stdin, writes
// ClosedLoopChildOutput as JSON on stdout.
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import { text } from 'node:stream/consumers';

export interface ClosedLoopChildInput {
  url: string;
  connections: number;
  duration_s: number;
  requests: Array<{ method: string; path: string; headers: Record<string, string>; body_base64?: string }>;
  timeout_s: number;
}

export interface ClosedLoopChildOutput {
  autocannon_version: string;
  duration_s: number;
  requests_total: number;
  requests_per_s_mean_of_seconds: number;
  requests_per_s_min_of_seconds: number;
  status_2xx: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  cpu_s: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(await text(process.stdin)) as ClosedLoopChildInput;
  const version = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version;
  const cpu0 = process.cpuUsage();
  const result = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.duration_s,
    pipelining: 1,
    timeout: input.timeout_s,
    requests: input.requests.map((r) => ({
      method: r.method as autocannon.Request['method'],
      path: r.path,
      headers: r.headers,
      ...(r.body_base64 !== undefined ? { body: Buffer.from(r.body_base64, 'base64') } : {}),
    })),
  });
  const cpu = process.cpuUsage(cpu0);
  const out: ClosedLoopChildOutput = {
    autocannon_version: version,
    duration_s: result.duration,
    requests_total: result.requests.total,
    requests_per_s_mean_of_seconds: result.requests.average,
    requests_per_s_min_of_seconds: result.requests.min,
    status_2xx: result['2xx'],
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpu_s: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(JSON.stringify(out));
}

await main();

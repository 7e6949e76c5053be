// A seeded fuzz of request bodies against a running processor (the sanitizer build in run.sh):
// valid event batches and FASTQ bodies from the harness's own generators, mutated byte by byte,
// plus framings only a raw socket sends. Every answer must be one the spec allows, as JSON, the
// counters must match what the answers said was accepted, and the server must keep serving.
// The same seed sends the same bytes in the same order, so a finding reproduces. With --compare,
// the requests go to other implementations too (raw framings are then left out), and any answer
// that differs (status, or body apart from the error wording) is a finding: a differential fuzz.
//   node --import tsx processors/cpp/sanitize/fuzz-bodies.ts --url http://127.0.0.1:PORT [--seed 1] [--requests 3000]
//        [--compare http://127.0.0.1:PORT2,http://127.0.0.1:PORT3]
import { parseArgs } from 'node:util';
import { Prng, generateEventBatch, generateFastq, FASTQ_REJECT_REASONS } from '../../../harness/src/workload/index.ts';
import { HttpClient } from '../../../harness/src/verify/http-client.ts';
import { crossCompare, type Outcome } from '../../../harness/src/verify/cross-compare.ts';
import { mutate } from './mutate.ts';
import { rawRequest, type RawAnswer } from './raw-request.ts';

const ALLOWED = new Set([200, 400, 404, 405, 413, 415, 431]);
const MAX_FINDINGS_SHOWN = 20;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    seed: { type: 'string', default: '1' },
    requests: { type: 'string', default: '3000' },
    compare: { type: 'string', default: '' },
  },
});
if (!args.url) {
  process.stderr.write('fuzz-bodies: --url http://127.0.0.1:PORT is required\n');
  process.exit(2);
}
const baseUrl = args.url.replace(/\/$/, '');
const port = Number(new URL(baseUrl).port);
const requests = Number(args.requests);
const rng = new Prng(args.seed);
const client = new HttpClient(baseUrl);
const others = args.compare.split(',').filter(Boolean).map((url) => [url, new HttpClient(url.replace(/\/$/, ''))] as const);
const findings: string[] = [];
let accepted = 0;
let reads = 0;
const statuses = new Map<number, number>();

function finding(index: number, what: string): void {
  findings.push(`request ${index} (seed ${args.seed}): ${what}`);
}

function checkAnswer(index: number, label: string, status: number, contentType: string | undefined, body: Buffer): unknown {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (!ALLOWED.has(status)) finding(index, `${label}: status ${status}`);
  if (contentType?.split(';')[0]?.trim() !== 'application/json') finding(index, `${label}: content-type ${contentType}`);
  try {
    const json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (status !== 200 && (typeof json['error'] !== 'string' || json['error'] === '')) finding(index, `${label}: ${status} without an error message`);
    return json;
  } catch {
    finding(index, `${label}: body is not JSON: ${JSON.stringify(body.subarray(0, 80).toString('utf8'))}`);
    return undefined;
  }
}

function eventBody(): Buffer {
  return generateEventBatch(rng, { events: rng.between(0, 60), keys: 200, invalidShare: 0.2, duplicateFieldShare: 0.05 });
}

function fastqBody(): Buffer {
  const corrupt = rng.chance(0.2) ? rng.pick(FASTQ_REJECT_REASONS) : undefined;
  return generateFastq(rng, { reads: rng.between(1, 20), length: rng.between(1, 120), lineEnding: rng.chance(0.2) ? '\r\n' : '\n', ...(corrupt ? { corrupt } : {}) }).body;
}

// A chunked request with random chunk sizes; sometimes a size line that is not hex.
function chunkedRequest(path: string, contentType: string, body: Buffer, extra: string): Buffer {
  const parts: Buffer[] = [Buffer.from(`POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n${extra}Connection: close\r\n\r\n`)];
  for (let at = 0; at < body.length; ) {
    const size = Math.min(body.length - at, rng.between(1, 512));
    const sizeText = rng.chance(0.02) ? 'zz' : size.toString(16);
    parts.push(Buffer.from(`${sizeText}\r\n`), body.subarray(at, at + size), Buffer.from('\r\n'));
    at += size;
  }
  parts.push(Buffer.from(rng.chance(0.05) ? '0\r\n' : '0\r\n\r\n'));
  return Buffer.concat(parts);
}

async function sendRaw(index: number, bytes: Buffer, label: string): Promise<void> {
  let answer: RawAnswer;
  try {
    answer = await rawRequest(port, bytes);
  } catch (err) {
    // A request cut short (no final chunk) may get no answer before the client gives up.
    if (!/no complete answer|no end of answer/.test((err as Error).message)) finding(index, `${label}: ${(err as Error).message}`);
    return;
  }
  const json = checkAnswer(index, label, answer.status, answer.headers['content-type'], answer.body) as Record<string, unknown> | undefined;
  count(label, answer.status, json);
}

function count(label: string, status: number, json: Record<string, unknown> | undefined): void {
  if (status !== 200 || !json) return;
  if (label.includes('/v1/events')) accepted += Number(json['accepted'] ?? 0);
  if (label.includes('/v1/reads')) reads += Number(json['reads'] ?? 0);
  if (label.includes('/v1/reset')) {
    accepted = 0;
    reads = 0;
  }
}

async function send(index: number): Promise<void> {
  const events = rng.chance(0.7);
  const path = events ? '/v1/events' : '/v1/reads';
  const properType = events ? 'application/json' : 'text/plain';
  const contentType = rng.chance(0.95) ? properType : rng.pick(['text/plain', 'application/json', 'APPLICATION/JSON; x=y', '']);
  const body = mutate(rng, events ? eventBody() : fastqBody(), rng.chance(0.25) ? 0 : rng.between(1, 8));
  const label = `POST ${path} (${body.length} bytes)`;

  // Raw framings go to the primary only; with --compare they are left out, so that every
  // implementation sees the same requests and keeps the same state.
  const framing = others.length > 0 ? 3 + rng.int(17) : rng.int(20);
  if (framing === 0) return sendRaw(index, chunkedRequest(path, contentType, body, ''), `${label} chunked`);
  if (framing === 1) {
    const smuggle = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`);
    return sendRaw(index, Buffer.concat([smuggle, body]), `${label} CL+TE`);
  }
  if (framing === 2) {
    const filler = 'x'.repeat(rng.chance(0.5) ? rng.between(1, 16 * 1024) : rng.between(64 * 1024 + 1, 120 * 1024));
    const head = Buffer.from(`POST ${path} HTTP/1.1\r\nHost: fuzz\r\nContent-Type: ${contentType}\r\nX-Filler: ${filler}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
    return sendRaw(index, Buffer.concat([head, body]), `${label} ${filler.length}-byte header`);
  }
  if (framing === 3) {
    // A reset (its body ignored) or an unknown route with the same body: an early answer.
    const target = rng.chance(0.1) ? '/v1/reset' : rng.pick(['/nope', '/v1/keys/x', '/health', '/v1/stats']);
    const method = rng.pick(['POST', 'PUT', 'GET', 'DELETE']);
    return sendOverClient(index, { method, path: target, headers: { 'content-type': contentType }, body }, `${method} ${target}`);
  }
  const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
  return sendOverClient(index, { method: 'POST', path, headers, body }, label);
}

async function outcomeOf(target: HttpClient, request: Parameters<HttpClient['send']>[0]): Promise<Outcome> {
  try {
    return { ok: true, response: await target.send(request) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

async function sendOverClient(index: number, request: Parameters<HttpClient['send']>[0], label: string): Promise<void> {
  const targets: Array<readonly [string, HttpClient]> = [[baseUrl, client], ...others];
  const outcomes = new Map(await Promise.all(targets.map(async ([url, target]) => [url, await outcomeOf(target, request)] as const)));
  const own = outcomes.get(baseUrl)!;
  if (!own.ok) {
    finding(index, `${label}: ${own.error}`);
    return;
  }
  // /health and /metrics name the implementation: not comparable.
  if (others.length > 0 && request.path !== '/health' && request.path !== '/metrics') {
    const cross = crossCompare(outcomes);
    if (!cross.agree) {
      const answers = cross.groups.map((g) => `${g.processors.join(',')} → ${g.status} ${JSON.stringify(g.body).slice(0, 120)}`).join(' | ');
      finding(index, `${label}: implementations disagree: ${answers}; body ${JSON.stringify(request.body?.subarray(0, 160).toString('utf8'))}`);
    }
  }
  const response = own.response;
  const contentType = response.headers['content-type'];
  const json = checkAnswer(index, label, response.status, Array.isArray(contentType) ? contentType[0] : contentType, response.body) as Record<string, unknown> | undefined;
  count(label, response.status, json);
}

async function main(): Promise<void> {
  await sendOverClient(0, { method: 'POST', path: '/v1/reset' }, 'POST /v1/reset');
  for (let i = 1; i <= requests; i += 1) {
    await send(i);
    if (i % 100 === 0) await sendOverClient(i, { method: 'GET', path: '/health' }, 'GET /health');
  }
  // The counters must say what the answers said.
  const stats = await client.send({ method: 'GET', path: '/v1/stats' });
  const json = JSON.parse(stats.body.toString('utf8')) as { events: number; reads: number };
  if (json.events !== accepted) finding(requests, `stats.events ${json.events}, answers accepted ${accepted}`);
  if (json.reads !== reads) finding(requests, `stats.reads ${json.reads}, answers counted ${reads}`);
  client.close();
  for (const [, other] of others) other.close();

  for (const f of findings.slice(0, MAX_FINDINGS_SHOWN)) process.stdout.write(`${f}\n`);
  const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  process.stdout.write(`fuzz-bodies: ${requests} requests (seed ${args.seed}; answers ${byStatus}), ${accepted} events accepted, ${reads} reads, ${findings.length} finding(s)\n`);
  process.exit(findings.length === 0 ? 0 : 1);
}

void main();

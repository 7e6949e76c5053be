// One HTTP/1.1 exchange with exact bytes on a fresh TCP connection, for the checks an HTTP client
// cannot make: a request head of any size in one piece, a request framed two ways at once, and
// whether the server closed the connection after answering.
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
  /** The server ended the connection (FIN or reset) within the wait after its answer. */
  closed: boolean;
}

export interface ExchangeOptions {
  /** How long to wait for the answer; default 10 s. */
  answerTimeoutMs?: number;
  /** After a complete answer, how long to wait for the server to close; default 1 s. */
  closeWaitMs?: number;
}

/** Sends `bytes` and reads one answer; undefined when the server closed without answering. */
export function rawExchange(port: number, bytes: string | Buffer, options: ExchangeOptions = {}): Promise<RawReply | undefined> {
  const answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
  const closeWaitMs = options.closeWaitMs ?? 1000;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let closed = false;
    let closeTimer: NodeJS.Timeout | undefined;
    const answerTimer = setTimeout(finish, answerTimeoutMs);

    function finish(): void {
      clearTimeout(answerTimer);
      clearTimeout(closeTimer);
      socket.destroy();
      const reply = parseReply(received);
      resolve(reply === undefined ? undefined : { ...reply, closed });
    }

    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // A complete answer with a length: give the server a moment to close, then report.
      if (closeTimer === undefined && isComplete(received)) closeTimer = setTimeout(finish, closeWaitMs);
    });
    const onEnd = (): void => {
      closed = true;
      finish();
    };
    socket.on('end', onEnd);
    // A server that closes while the request is still going out may reset the connection; what
    // it answered before that has already been received.
    socket.on('error', onEnd);
    // No half-close after the request: hyper drops a connection whose client has shut its side.
    socket.write(bytes);
  });
}

function splitHead(received: Buffer): { head: string; body: Buffer } | undefined {
  const at = received.indexOf('\r\n\r\n');
  if (at < 0) return undefined;
  return { head: received.subarray(0, at).toString('latin1'), body: received.subarray(at + 4) };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function isComplete(received: Buffer): boolean {
  const split = splitHead(received);
  if (split === undefined) return false;
  const length = parseHeaders(split.head)['content-length'];
  // Without a length the body ends when the connection does.
  return length !== undefined && split.body.length >= Number(length);
}

function parseReply(received: Buffer): Omit<RawReply, 'closed'> | undefined {
  const split = splitHead(received);
  if (split === undefined) return undefined;
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(split.head)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers = parseHeaders(split.head);
  const length = headers['content-length'];
  const body = length === undefined ? split.body : split.body.subarray(0, Number(length));
  return { status, headers, body: body.toString('utf8') };
}

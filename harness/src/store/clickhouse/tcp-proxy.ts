// Test support: a TCP proxy in front of the ClickHouse server that counts requests and can cut
// every connection after N bytes sent upstream, as if the server was killed mid-write.
import net from 'node:net';

export interface Proxy {
  url: string;
  /** HTTP requests seen (counted by request lines). */
  readonly requests: number;
  close: () => Promise<void>;
}

export async function startProxy(target: URL, opts: { cutAfterBytes?: number } = {}): Promise<Proxy> {
  let sent = 0;
  let requests = 0;
  let dead = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (dead) return void client.destroy();
    const upstream = net.connect(Number(target.port || 80), target.hostname);
    sockets.add(client).add(upstream);
    const killAll = () => {
      dead = true;
      for (const s of sockets) s.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      requests += (chunk.toString('latin1').match(/^(GET|POST) \//gm) ?? []).length;
      sent += chunk.length;
      if (opts.cutAfterBytes !== undefined && sent > opts.cutAfterBytes) return killAll();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Serves the built app from dist/. Only files inside dist are reachable; hashed assets are cached
// for good, index.html never (so a rebuild shows at the next reload).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface StaticFile {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export async function staticFile(distDir: string, pathname: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'bad path' };
  }
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(distDir);
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  try {
    const body = await readFile(file);
    const ext = path.extname(file);
    const immutable = rel.startsWith('assets/');
    return {
      status: 200,
      headers: {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
      body,
    };
  } catch {
    return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
  }
}

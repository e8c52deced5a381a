/**
 * A static server for the fixture pages, on 127.0.0.1 only. The browsers map
 * government host names (www.jingzhou-demo.gov.cn, www.hunan.gov.cn …) to it,
 * so the extension sees the hosts it runs on by default.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/pages');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface FixtureServer {
  port: number;
  url(file: string, host?: string): string;
  /** Every request the server saw: host and path. */
  requests: Array<{ host: string; path: string }>;
  close(): Promise<void>;
}

/** Extra routes: generated pages (the 1 MB page …) served from memory. */
export type Routes = Record<string, () => string>;

export async function startServer(routes: Routes = {}): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ host: req.headers.host ?? '', path: url.pathname });
    const route = routes[url.pathname];
    if (route) {
      res.writeHead(200, { 'content-type': TYPES['.html'] as string });
      res.end(route());
      return;
    }
    const file = path.join(FIXTURES, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(FIXTURES) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    requests,
    url: (file, host = 'www.jingzhou-demo.gov.cn') => `http://${host}:${port}/${file.replace(/^\//, '')}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

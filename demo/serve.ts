import { readFile, stat } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve } from 'node:path';

/** A running static server. */
interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  stop(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page at `/`: links to what the demo wrote. */
const INDEX = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Backup Sentinel demo</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;line-height:1.5">
<h1>Backup Sentinel demo</h1>
<ul>
<li><a href="runbook/index.html">The runbook</a> (the built site)</li>
<li><a href="report.html">Weekly compliance report</a> (the last simulated week)</li>
<li><a href="pages.jsonl">pages.jsonl</a> (what the SNS and PagerDuty receivers got)</li>
</ul>
</body></html>
`;

const send = (
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer
): void => {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
};

/** Returns the file a URL path names under `root`, or undefined outside it. */
const fileFor = async (
  root: string,
  urlPath: string
): Promise<string | undefined> => {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside.startsWith('..') || resolve(root, inside) !== file) {
    return undefined;
  }
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) return join(file, 'index.html');
  return file;
};

/**
 * Serves a folder read-only on 127.0.0.1 (GET and HEAD only), with an
 * index of the demo's outputs at `/` when the folder has none. Paths that
 * would leave the folder get 404.
 *
 * @param root - the folder to serve
 * @param port - the port; 0 = any free one
 */
const serveDirectory = async (
  root: string,
  port: number
): Promise<StaticServer> => {
  const handle = async (
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain', 'method not allowed\n');
      return;
    }
    const file = await fileFor(root, request.url ?? '/');
    const body =
      file === undefined
        ? undefined
        : await readFile(file).catch(() => undefined);
    if (body === undefined || file === undefined) {
      if ((request.url ?? '/').split('?')[0] === '/') {
        send(response, 200, TYPES['.html'] as string, INDEX);
        return;
      }
      send(response, 404, 'text/plain', 'not found\n');
      return;
    }
    send(
      response,
      200,
      TYPES[extname(file)] ?? 'application/octet-stream',
      request.method === 'HEAD' ? '' : body
    );
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    stop: async () => {
      await new Promise<void>((ok, fail) => {
        server.close((error) => (error ? fail(error) : ok()));
        server.closeAllConnections();
      });
    },
  };
};

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM. */
const untilInterrupted = async (): Promise<void> => {
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
};

export type { StaticServer };
export { serveDirectory, untilInterrupted };

// Serves the self-hosted GraphQL IDE (gateway/ide) from the gateway: the HTML
// page on a browser GET of the GraphQL path, and the bundled assets under
// /ide/. Nothing is fetched from other hosts, so it works on the intranet.
import { access, readFile, stat } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentLogger } from '../../subgraphs/kit/log';

export interface IdeHandlerOptions {
  /** Built IDE directory; defaults to gateway/ide/dist. Built on first use if missing. */
  distDir?: string;
  /** Path the gateway serves GraphQL on; a browser GET there gets the IDE. */
  graphqlPath?: string;
  /** Development only: where the IDE's principal picker gets tokens (dev-token-route.ts); unset, no picker. */
  devTokenPath?: string;
}

const ASSET_PREFIX = '/ide/';
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../ide/dist', import.meta.url));

// 'unsafe-inline' for styles only: GraphiQL and its animation library set
// style attributes at runtime. Scripts stay 'self' only (no eval needed by
// CodeMirror 5), and connect-src 'self' keeps queries on this gateway.
export const IDE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

// One build per dist directory per process: concurrent first requests (and
// concurrent ensureIdeBuilt calls) all await the same promise.
const builds = new Map<string, Promise<string>>();

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** True when the dist holds a build of the current sources (or the sources are not there to compare). */
async function isCurrent(dir: string): Promise<boolean> {
  if (!(await exists(path.join(dir, 'index.html')))) return false;
  const { ideSourceStamp, STAMP_FILE } = await import('../ide/stamp');
  const current = await ideSourceStamp();
  if (current === undefined) return true;
  try {
    return (await readFile(path.join(dir, STAMP_FILE), 'utf8')).trim() === current;
  } catch {
    return false;
  }
}

/** Makes sure `distDir` holds a build of the current IDE sources, building it (once) if it does not. */
export function ensureIdeBuilt(distDir: string = DEFAULT_DIST_DIR): Promise<string> {
  const dir = path.resolve(distDir);
  let pending = builds.get(dir);
  if (!pending) {
    pending = (async () => {
      if (await isCurrent(dir)) return dir;
      // Lazy import: esbuild is only needed when no prebuilt dist exists.
      const { buildIde } = await import('../ide/build');
      return buildIde({ outDir: dir });
    })();
    // A failed build must not be cached forever; the next request retries.
    pending.catch(() => builds.delete(dir));
    builds.set(dir, pending);
  }
  return pending;
}

/** Maps a request path under /ide/ to a file inside distDir, or null if it escapes. */
function resolveAsset(distDir: string, pathname: string): string | null {
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(ASSET_PREFIX.length));
  } catch {
    return null;
  }
  if (!relative || relative.includes('\0') || relative.includes('\\')) return null;
  if (relative.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  const file = path.resolve(distDir, relative);
  return file.startsWith(distDir + path.sep) ? file : null;
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer | string,
): void {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, {
    ...headers,
    'Content-Length': String(payload.length),
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function notFound(req: http.IncomingMessage, res: http.ServerResponse): void {
  send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, '未找到\n');
}

function wantsHtml(req: http.IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/html');
}

/**
 * Returns a request handler that serves the IDE and resolves to true when it
 * answered the request, false when the caller should handle it (e.g. GraphQL).
 */
export function createIdeHandler(
  options: IdeHandlerOptions = {},
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  const distDir = path.resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const graphqlPath = options.graphqlPath ?? '/graphql';

  async function serveIndex(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    await ensureIdeBuilt(distDir);
    let html = await readFile(path.join(distDir, 'index.html'), 'utf8');
    // The page reads its GraphQL endpoint from this meta tag (see ide/src/main.tsx).
    html = html.replace(
      '<meta name="govcloud-graphql-path" content="/graphql" />',
      `<meta name="govcloud-graphql-path" content="${escapeAttribute(graphqlPath)}" />` +
        (options.devTokenPath ? `\n    <meta name="govcloud-dev-token-path" content="${escapeAttribute(options.devTokenPath)}" />` : ''),
    );
    send(
      req,
      res,
      200,
      {
        'Content-Type': CONTENT_TYPES['.html'],
        // The HTML names hashed assets, so it must be revalidated after a rebuild.
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': IDE_CONTENT_SECURITY_POLICY,
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
        // Same URL answers JSON for API clients; caches must keep them apart.
        Vary: 'Accept',
      },
      html,
    );
  }

  async function serveAsset(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    await ensureIdeBuilt(distDir);
    const file = resolveAsset(distDir, pathname);
    const type = file ? CONTENT_TYPES[path.extname(file).toLowerCase()] : undefined;
    if (!file || !type || path.basename(file) === 'index.html') return notFound(req, res);
    try {
      if (!(await stat(file)).isFile()) return notFound(req, res);
      const body = await readFile(file);
      // Asset names carry a content hash (see ide/build.ts), so they never change.
      send(req, res, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=31536000, immutable' }, body);
    } catch {
      notFound(req, res);
    }
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
    if ((pathname === graphqlPath && wantsHtml(req)) || pathname === '/ide' || pathname === ASSET_PREFIX) {
      await serveIndex(req, res);
      return true;
    }
    if (pathname.startsWith(ASSET_PREFIX)) {
      await serveAsset(req, res, pathname);
      return true;
    }
    return false;
  }

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    // The WHATWG parser also collapses "..", "%2e%2e" and friends in the path.
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    try {
      return await route(req, res, pathname);
    } catch (error) {
      // Typically a failed lazy build; answer here rather than fall through to GraphQL.
      componentLogger('ide').error({ err: error }, 'failed to serve the GraphQL IDE');
      if (!res.headersSent) {
        send(req, res, 500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, 'GraphQL IDE 暂不可用\n');
      } else {
        res.destroy();
      }
      return true;
    }
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

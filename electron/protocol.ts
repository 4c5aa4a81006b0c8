import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { protocol } from 'electron';

/**
 * The renderer is served from `app://tonghop/`, a scheme of the app's own, instead of
 * `file://`: a page of the app can then reach nothing of the disk but the built renderer,
 * and `file://` keeps no extra privilege (the `grantFileProtocolExtraPrivileges` fuse is off).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tonghop';
/** The app's one page. */
export const INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The Content-Security-Policy of every response of the scheme: the same policy as the `<meta>`
 * of `renderer/index.html` (a test keeps them equal), sent as a header too, so that it holds
 * even for a response the meta does not reach.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** Headers every response of the scheme carries. */
function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function notFound(): Response {
  return new Response('Không tìm thấy.', { status: 404, headers: headers('text/plain; charset=utf-8') });
}

/**
 * The response to one request of the scheme: a file of `rendererDir`, and nothing outside it
 * (another host, `..`, an encoded separator, a file type the renderer does not use: 404).
 */
export async function serveRenderer(request: Request, rendererDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || request.method !== 'GET') return notFound();
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return notFound();
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return notFound();
  const file = normalize(join(rendererDir, pathname === '/' ? '/index.html' : pathname));
  const rel = relative(rendererDir, file);
  if (rel === '' || isAbsolute(rel) || rel.split(sep)[0] === '..') return notFound();
  const type = MIME[extname(file).toLowerCase()];
  if (!type) return notFound();
  try {
    return new Response(new Uint8Array(await readFile(file)), { status: 200, headers: headers(type) });
  } catch {
    return notFound();
  }
}

/**
 * Declare the scheme (standard, secure, fetch-capable). Must run before the app is ready.
 *
 * `codeCache`: Chromium keeps V8's compiled code of the scheme's scripts between starts, as
 * it does for http(s) pages — without it, every start of the app compiles the renderer's
 * ~1.6 MB of JavaScript again. A scheme with this privilege checks a cached entry against a
 * hash of the script's text (not a response time: each response of `protocol.handle` is new),
 * so an updated renderer never runs stale code. Electron allows it on standard schemes only.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serve the built renderer over the scheme. Call once, when the app is ready. */
export function setupProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, rendererDir));
}

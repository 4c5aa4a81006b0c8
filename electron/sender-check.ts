/** Where the app's pages are served from. */
export interface TrustedOrigins {
  /** `app://tonghop/index.html`: the built page on the app's own scheme. */
  indexUrl: string;
  /** Vite dev server origin, only when running unpackaged with `TONGHOP_DEV_SERVER_URL`. */
  devServerUrl?: string;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a frame URL belongs to the app itself: exactly the app's `index.html` on its own
 * scheme (any hash or query), or a page of the dev server's origin. Everything else — any
 * `file://` page, other sites, `about:blank`, `data:` — is untrusted.
 */
export function isTrustedUrl(url: string | undefined | null, trusted: TrustedOrigins): boolean {
  if (!url) return false;
  const u = parse(url);
  if (!u) return false;
  const index = parse(trusted.indexUrl);
  if (index !== null && index.protocol !== 'file:' && u.protocol === index.protocol) {
    return u.host === index.host && u.pathname === index.pathname;
  }
  if (!trusted.devServerUrl) return false;
  const dev = parse(trusted.devServerUrl);
  return dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
}

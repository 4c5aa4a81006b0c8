/** Where the app's own pages are served from. */
export interface TrustedOrigins {
  /** `file://` URL of the built `index.html`. */
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
 * Whether a frame URL belongs to the app itself: exactly the built `index.html` (any hash
 * or query), or a page of the dev server's origin. Everything else — other files, other
 * sites, `about:blank`, `data:` — is untrusted.
 */
export function isTrustedUrl(url: string | undefined | null, trusted: TrustedOrigins): boolean {
  if (!url) return false;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'file:') {
    const index = parse(trusted.indexUrl);
    return index !== null && index.protocol === 'file:' && u.host === index.host && u.pathname === index.pathname;
  }
  if (!trusted.devServerUrl) return false;
  const dev = parse(trusted.devServerUrl);
  return dev !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === dev.origin;
}

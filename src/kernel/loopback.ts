// Whether a URL's host is this machine: where plain http is acceptable (local test servers), nowhere else.
import net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', '[::1]', '::1']);

/** localhost, 127.0.0.0/8 or ::1, given as a URL's hostname (IPv6 in brackets) or bare. */
export function isLoopbackHost(host: string): boolean {
  if (LOOPBACK_NAMES.has(host.toLowerCase())) return true;
  return net.isIPv4(host) && host.startsWith('127.');
}

/** An http: URL on a loopback host (openid-client must be told to allow it); false for anything else. */
export function isLoopbackHttp(url: string | URL): boolean {
  const parsed = typeof url === 'string' ? (URL.canParse(url) ? new URL(url) : undefined) : url;
  return parsed?.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

// Signed, expiring tokens for links we mail or hand to browsers (unsubscribe, one-click moderation, form stamps).
// Stateless: the HMAC proves we made the token, the purpose keeps one kind of link from being used as another.
import { hmac, safeEqual } from './ids.js';

export interface Signer {
  /** A URL-safe token carrying `data` for `purpose` until `expiresAt` (ms since the epoch). */
  sign(purpose: string, data: unknown, expiresAt: number): string;
  /** The data when the token is ours, for this purpose, and not expired at `now`; otherwise undefined. */
  verify(purpose: string, token: unknown, now: number): unknown;
}

const MAX_TOKEN = 4096;

export function createSigner(secret: string): Signer {
  const mac = (purpose: string, body: string) => hmac(secret, `signed:${purpose}:${body}`);
  return {
    sign(purpose, data, expiresAt) {
      const body = Buffer.from(JSON.stringify({ d: data, e: Math.floor(expiresAt) })).toString('base64url');
      return `${body}.${mac(purpose, body)}`;
    },
    verify(purpose, token, now) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN) return undefined;
      const [body, signature, ...rest] = token.split('.');
      if (!body || !signature || rest.length > 0 || !safeEqual(mac(purpose, body), signature)) return undefined;
      try {
        const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { d?: unknown; e?: unknown };
        return typeof parsed.e === 'number' && parsed.e > now ? parsed.d : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

// Sign-in transactions: what /start must remember for /callback, kept server-side (one-time tokens), single use,
// for 10 minutes, and bound to the browser that started them.
import type { Clock } from '../../kernel/clock.js';
import { sha256, safeEqual } from '../../kernel/ids.js';
import type { TokensService } from '../tokens/index.js';
import { identityErrors } from './identity.errors.js';

export const AUTH_TRANSACTION_PURPOSE = 'oauth';
export const AUTH_TRANSACTION_LIFETIME_MS = 10 * 60 * 1000;

export interface AuthTransaction {
  readonly provider: string;
  /** PKCE S256 verifier: only its challenge went to the provider. */
  readonly codeVerifier: string;
  /** OIDC: the nonce the ID token must carry. */
  readonly nonce?: string;
  /** A same-origin path to come back to. */
  readonly returnTo: string;
  readonly popup: boolean;
  /** Set only when a signed-in person asked to link this provider to their account. */
  readonly linkToUserId?: number;
  /** sha256 of the browser's quire_auth cookie value: the callback must come from the same browser. */
  readonly browserHash: string;
  readonly createdAt: string;
}

export type NewAuthTransaction = Omit<AuthTransaction, 'browserHash' | 'createdAt'>;

export interface AuthTransactions {
  /** Stores the transaction; returns the `state` that names it (random, 256 bits; only its hash is stored). */
  begin(transaction: NewAuthTransaction, browserSecret: string): Promise<string>;
  /**
   * The transaction `state` names, used up: refused when unknown, expired, used, for another provider, or when
   * this browser is not the one that began it (checked before it is used up, so another browser cannot burn it).
   */
  take(provider: string, state: string, browserSecret: string | undefined): Promise<AuthTransaction>;
}

export interface AuthTransactionsDeps {
  readonly tokens: Pick<TokensService, 'issue' | 'peek' | 'consume'>;
  readonly clock: Clock;
}

export function createAuthTransactions(deps: AuthTransactionsDeps): AuthTransactions {
  const { tokens } = deps;
  return {
    async begin(transaction, browserSecret) {
      const stored: AuthTransaction = { ...transaction, browserHash: sha256(browserSecret), createdAt: deps.clock.now().toISOString() };
      return tokens.issue(AUTH_TRANSACTION_PURPOSE, JSON.stringify(stored), AUTH_TRANSACTION_LIFETIME_MS);
    },
    async take(provider, state, browserSecret) {
      const found = parse(await tokens.peek(AUTH_TRANSACTION_PURPOSE, state));
      if (!found || found.provider !== provider) throw identityErrors.stateInvalid();
      if (browserSecret === undefined || !safeEqual(sha256(browserSecret), found.browserHash)) throw identityErrors.otherBrowser();
      // Exactly one caller uses a state: a second, racing callback with the same state gets nothing.
      const used = parse(await tokens.consume(AUTH_TRANSACTION_PURPOSE, state));
      if (!used) throw identityErrors.stateInvalid();
      return used;
    },
  };
}

function parse(subject: string | undefined): AuthTransaction | undefined {
  if (subject === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(subject);
    return isTransaction(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isTransaction(value: unknown): value is AuthTransaction {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.provider === 'string' && typeof v.codeVerifier === 'string' && typeof v.returnTo === 'string'
    && typeof v.popup === 'boolean' && typeof v.browserHash === 'string'
    && (v.nonce === undefined || typeof v.nonce === 'string')
    && (v.linkToUserId === undefined || typeof v.linkToUserId === 'number');
}

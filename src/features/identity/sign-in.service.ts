// The authorization code flow with PKCE (and OIDC nonce) for every provider: begin → provider → complete.
import * as client from 'openid-client';
import { AppError, isAppError } from '../../kernel/errors.js';
import type { AuthTransaction, AuthTransactions } from './auth-transactions.js';
import type { IdentityService, SignedInIdentity } from './identity.service.js';
import { identityErrors } from './identity.errors.js';
import type { OAuthClients } from './oauth-client.js';
import type { EnabledProvider, ProfileSource } from './providers.js';

export interface BeginSignIn {
  /** A same-origin path (the caller made it safe). */
  readonly returnTo: string;
  readonly popup: boolean;
  /** Only for a signed-in person who pressed "Link" on their account page. */
  readonly linkToUserId?: number;
  /** The browser's quire_auth cookie value; its hash binds the transaction to this browser. */
  readonly browserSecret: string;
}

export interface CompletedSignIn extends SignedInIdentity {
  readonly provider: EnabledProvider;
  readonly transaction: AuthTransaction;
}

export interface ProviderSignInService {
  /** The enabled providers, in the order of their icons. */
  readonly providers: readonly EnabledProvider[];
  find(id: string): EnabledProvider | undefined;
  /** The provider's authorization URL for a new transaction. */
  begin(providerId: string, request: BeginSignIn): Promise<URL>;
  /**
   * Checks the provider's answer (`callbackUrl`: our redirect URI with the query the provider added) and signs the
   * person in. Refusals are AppErrors whose details carry `returnTo` when the transaction was found.
   */
  complete(providerId: string, callbackUrl: URL, browserSecret: string | undefined): Promise<CompletedSignIn>;
}

export interface ProviderSignInDeps {
  /** The providers in force now (the environment's and the settings'): read at each use, as the admin may change them. */
  readonly providers: () => readonly EnabledProvider[];
  readonly clients: OAuthClients;
  readonly transactions: AuthTransactions;
  readonly identities: Pick<IdentityService, 'signInWithProfile'>;
  /** `${publicUrl}`: redirect URIs are `${publicUrl}/auth/<provider>/callback`, exactly. */
  readonly publicUrl: string;
}

export function redirectUriOf(publicUrl: string, providerId: string): string {
  return `${publicUrl}/auth/${providerId}/callback`;
}

/** Network trouble (the provider is down or slow) versus an answer that failed its checks. */
function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (error instanceof TypeError && error.message === 'fetch failed') || error.name === 'TimeoutError' || error.name === 'AbortError';
}

export function createProviderSignInService(deps: ProviderSignInDeps): ProviderSignInService {
  const find = (id: string) => deps.providers().find((provider) => provider.definition.id === id);
  const require = (id: string) => {
    const provider = find(id);
    if (!provider) throw identityErrors.providerUnknown();
    return provider;
  };

  async function configurationOf(provider: EnabledProvider) {
    try {
      return await deps.clients.configurationOf(provider);
    } catch (error) {
      throw identityErrors.providerUnavailable(provider.label, error);
    }
  }

  return {
    get providers() {
      return deps.providers();
    },
    find,

    async begin(providerId, request) {
      const provider = require(providerId);
      const configuration = await configurationOf(provider);
      const codeVerifier = client.randomPKCECodeVerifier();
      const nonce = provider.definition.kind === 'oidc' ? client.randomNonce() : undefined;
      const state = await deps.transactions.begin(
        {
          provider: providerId, codeVerifier, ...(nonce ? { nonce } : {}), returnTo: request.returnTo, popup: request.popup,
          ...(request.linkToUserId === undefined ? {} : { linkToUserId: request.linkToUserId }),
        },
        request.browserSecret,
      );
      return client.buildAuthorizationUrl(configuration, {
        ...provider.definition.authorizationParameters,
        redirect_uri: redirectUriOf(deps.publicUrl, providerId),
        scope: provider.definition.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        ...(nonce ? { nonce } : {}),
      });
    },

    async complete(providerId, callbackUrl, browserSecret) {
      const provider = require(providerId);
      const params = callbackUrl.searchParams;
      const state = params.get('state');
      const error = params.get('error');
      const refusal = () =>
        error === 'access_denied' ? identityErrors.cancelled(provider.label) : identityErrors.providerRefused(provider.label);
      if (!state) throw error ? refusal() : identityErrors.stateMissing();
      const transaction = await deps.transactions.take(providerId, state, browserSecret);
      const withReturn = (appError: AppError, cause: unknown = appError.cause) =>
        new AppError({ ...fieldsOf(appError), details: { returnTo: transaction.returnTo }, cause });
      // The provider's error is read only after the state checked out: only our own transactions end here.
      if (error) throw withReturn(refusal());

      const configuration = await configurationOf(provider).catch((e: unknown) => Promise.reject(isAppError(e) ? withReturn(e) : e));
      let source: ProfileSource;
      try {
        const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: transaction.codeVerifier,
          expectedState: state,
          ...(provider.definition.kind === 'oidc' ? { expectedNonce: transaction.nonce, idTokenExpected: true } : {}),
        });
        deps.clients.remember(provider, configuration);
        const idClaims = tokens.claims();
        source = {
          tokens,
          idClaims,
          userInfo: () => client.fetchUserInfo(configuration, tokens.access_token, idClaims?.sub ?? client.skipSubjectCheck),
          async getJson(url) {
            const response = await client.fetchProtectedResource(configuration, tokens.access_token, new URL(url), 'GET');
            if (!response.ok) throw new Error(`The provider answered ${response.status} for its profile.`);
            return (await response.json()) as unknown;
          },
        };
      } catch (cause) {
        throw withReturn(isUnreachable(cause) ? identityErrors.providerUnavailable(provider.label, cause) : identityErrors.answerInvalid(provider.label), cause);
      }
      let profile;
      try {
        profile = await provider.definition.readProfile(source, provider.settings);
      } catch (cause) {
        throw withReturn(isUnreachable(cause) ? identityErrors.providerUnavailable(provider.label, cause) : identityErrors.providerRefused(provider.label), cause);
      }
      const signedIn = await deps.identities
        .signInWithProfile(providerId, profile, {
          label: provider.label,
          allowLoopbackPicture: await deps.clients.isLocal(provider),
          ...(transaction.linkToUserId === undefined ? {} : { linkToUserId: transaction.linkToUserId }),
        })
        .catch((e: unknown) => Promise.reject(isAppError(e) ? withReturn(e) : e));
      return { ...signedIn, provider, transaction };
    },
  };
}

function fieldsOf(error: AppError) {
  return { code: error.code, kind: error.kind, message: error.message };
}

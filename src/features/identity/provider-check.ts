// Settings → Sign-in's Test button: does the provider answer where the settings say? OpenID Connect ones by their
// discovery document (issuer, endpoints, keys); OAuth 2 ones by their authorization and token URLs answering over https.
import type { AuthProviderConfig } from '../../config/schema.js';
import { isLoopbackHttp } from '../../kernel/loopback.js';
import type { ProviderDefinition } from './providers.js';

export interface ProviderCheck {
  readonly ok: boolean;
  /** What was found, a line a step, in the order checked. */
  readonly lines: readonly string[];
}

const TIMEOUT_MS = 5000;

/** https, or plain http on this machine (local test providers); never credentials in the URL. */
function isAllowedUrl(value: unknown): value is string {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || isLoopbackHttp(url)) && !url.username && !url.password;
}

async function answers(url: string, method: 'GET' | 'POST'): Promise<number> {
  // Redirects are not followed: an answer of any kind, even a refusal, shows the endpoint is there.
  const response = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  return response.status;
}

const problemOf = (error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? 'no answer within 5 seconds' : 'it could not be reached');

async function checkEndpoint(label: string, url: unknown, method: 'GET' | 'POST', lines: string[]): Promise<boolean> {
  if (!isAllowedUrl(url)) {
    lines.push(`✗ The ${label} is missing or not an https:// URL.`);
    return false;
  }
  try {
    const status = await answers(url, method);
    lines.push(`✓ The ${label} ${url} answers (HTTP ${status}).`);
    return true;
  } catch (error) {
    lines.push(`✗ The ${label} ${url}: ${problemOf(error)}.`);
    return false;
  }
}

async function checkOidc(issuer: string, lines: string[]): Promise<boolean> {
  if (!isAllowedUrl(issuer)) {
    lines.push('✗ The issuer is missing or not an https:// URL.');
    return false;
  }
  const address = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(address, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) {
      await response.body?.cancel();
      lines.push(`✗ No discovery document at ${address} (HTTP ${response.status}).`);
      return false;
    }
    document = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    lines.push(`✗ The discovery document at ${address}: ${error instanceof SyntaxError ? 'it is not JSON' : problemOf(error)}.`);
    return false;
  }
  lines.push(`✓ Discovery document found at ${address}.`);
  const sameIssuer = typeof document.issuer === 'string' && document.issuer.replace(/\/$/, '') === issuer.replace(/\/$/, '');
  lines.push(sameIssuer ? '✓ It names this issuer.' : `✗ It names another issuer (${String(document.issuer)}): sign-ins would be refused.`);
  const results = [
    sameIssuer,
    await checkEndpoint('authorization endpoint', document.authorization_endpoint, 'GET', lines),
    await checkEndpoint('token endpoint', document.token_endpoint, 'POST', lines),
    await checkEndpoint('key set (JWKS)', document.jwks_uri, 'GET', lines),
  ];
  return results.every(Boolean);
}

/** Checks `definition` with `settings` (the values typed on the screen, or the environment's). */
export async function checkProvider(definition: ProviderDefinition, settings: AuthProviderConfig): Promise<ProviderCheck> {
  const lines: string[] = [];
  let ok: boolean;
  if (definition.kind === 'oidc') {
    let issuer = '';
    try {
      issuer = definition.issuer(settings);
    } catch {
      // No issuer configured: reported as missing below.
    }
    ok = await checkOidc(issuer, lines);
  } else {
    const metadata = definition.serverMetadata(settings);
    const authorize = await checkEndpoint('authorization URL', metadata.authorization_endpoint, 'GET', lines);
    const token = await checkEndpoint('token URL', metadata.token_endpoint, 'POST', lines);
    ok = authorize && token;
  }
  lines.push(ok ? 'The provider answers as expected. Sign in once to check the client ID and secret.' : 'The provider is not ready: see above.');
  return { ok, lines };
}

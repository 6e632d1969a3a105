// Passkeys (WebAuthn credentials), the pure rules: which sites can offer them, the relying party an address makes,
// the opaque user handle, the shapes of the browser's JSON, the signature-counter rule and a passkey's default name.
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { AuthenticationResponseJSON, CredentialDeviceType, RegistrationResponseJSON } from '@simplewebauthn/server';

/** How long a challenge may be answered: the browser's timeout and the challenge cookie's lifetime. */
export const PASSKEY_CHALLENGE_LIFETIME_MS = 5 * 60_000;

/** Longest credential id we keep (base64url characters): ~375 bytes, more than any real authenticator makes. */
export const CREDENTIAL_ID_MAX = 500;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TRANSPORTS: readonly string[] = ['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'];

/** A passkey of an account, as the account page lists it. */
export interface Passkey {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  readonly counter: number;
  /** How the browser reaches the authenticator ('internal', 'usb', …): handed back with the credential's id. */
  readonly transports: readonly string[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** A stored credential: the passkey and the public key that checks its signatures (COSE, base64url). */
export interface StoredCredential extends Passkey {
  readonly publicKey: string;
}

/** The relying party an address makes: rpID = its host, the expected origin = its origin. */
export interface RelyingParty {
  readonly rpID: string;
  readonly origin: string;
}

/**
 * The relying party of the site at `publicUrl`, or undefined when browsers cannot use passkeys there: WebAuthn
 * needs a secure context (https, or http on localhost) and a domain for rpID (an IP address is never one).
 */
export function relyingPartyOf(publicUrl: string): RelyingParty | undefined {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return undefined;
  }
  const host = url.hostname;
  if (host === '' || isIP(host.replace(/^\[|\]$/g, '')) !== 0) return undefined;
  const localhost = host === 'localhost' || host.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localhost)) return undefined;
  return { rpID: host, origin: url.origin };
}

/**
 * The account's WebAuthn user handle: stable (an authenticator keeps one discoverable passkey per account, not one
 * per registration) and opaque (it reveals no user id to the authenticator or anyone reading it). 32 bytes.
 */
export function userHandleOf(secret: string, userId: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(createHmac('sha256', secret).update(`webauthn-user-handle:${userId}`).digest());
}

/**
 * Signature counters (WebAuthn §7.2 step 21): when either the stored or the received count is non-zero, the new
 * one must be greater; otherwise two authenticators answer for one credential (a clone) or a response is replayed.
 * Authenticators that never count (synced passkeys send 0 every time) stay at 0 and pass.
 */
export function isCounterSuspicious(stored: number, received: number): boolean {
  return (stored > 0 || received > 0) && received <= stored;
}

/** A name for a new passkey from what the authenticator says of itself (the list shows it with its dates). */
export function defaultPasskeyName(deviceType: CredentialDeviceType, backedUp: boolean, transports: readonly string[]): string {
  if (deviceType === 'multiDevice' || backedUp) return 'Synced passkey';
  if (transports.some((t) => t === 'usb' || t === 'nfc' || t === 'ble')) return 'Security key';
  return 'Passkey on a device';
}

/** The transports the browser reported, only the known ones (they are stored and handed back to browsers). */
export function cleanTransports(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((t): t is string => typeof t === 'string' && TRANSPORTS.includes(t)))];
}

export function parseTransports(json: string): string[] {
  try {
    return cleanTransports(JSON.parse(json));
  } catch {
    return [];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isB64 = (value: unknown, max = 65_536): value is string => typeof value === 'string' && value.length <= max && BASE64URL.test(value);

/** The credential id of a response, when it is one we could store (base64url, not too long). */
export function isCredentialId(value: unknown): value is string {
  return isB64(value, CREDENTIAL_ID_MAX);
}

/** `credential.toJSON()` of navigator.credentials.create(), as far as we rely on it before the library checks it. */
export function isRegistrationResponse(value: unknown): value is RegistrationResponseJSON {
  if (!isRecord(value) || !isRecord(value.response)) return false;
  const { response } = value;
  return isCredentialId(value.id) && value.rawId === value.id && value.type === 'public-key'
    && isB64(response.clientDataJSON) && isB64(response.attestationObject)
    && (response.transports === undefined || Array.isArray(response.transports))
    && (value.clientExtensionResults === undefined || isRecord(value.clientExtensionResults));
}

/** `credential.toJSON()` of navigator.credentials.get(), likewise. */
export function isAuthenticationResponse(value: unknown): value is AuthenticationResponseJSON {
  if (!isRecord(value) || !isRecord(value.response)) return false;
  const { response } = value;
  return isCredentialId(value.id) && value.rawId === value.id && value.type === 'public-key'
    && isB64(response.clientDataJSON) && isB64(response.authenticatorData) && isB64(response.signature)
    && (response.userHandle === undefined || response.userHandle === null || isB64(response.userHandle, 128))
    && (value.clientExtensionResults === undefined || isRecord(value.clientExtensionResults));
}

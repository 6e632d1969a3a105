// Passkeys' pure rules: which addresses can offer them, the user handle, the signature-counter rule, default names,
// and the shapes of the browser's JSON checked before the library reads them.
import { describe, expect, it } from 'vitest';
import {
  cleanTransports, defaultPasskeyName, isAuthenticationResponse, isCounterSuspicious, isRegistrationResponse, relyingPartyOf,
  userHandleOf,
} from './passkeys.js';

describe('relyingPartyOf', () => {
  it('takes the host of an https address as rpID and its origin as the expected origin', () => {
    expect(relyingPartyOf('https://blog.example.com/')).toEqual({ rpID: 'blog.example.com', origin: 'https://blog.example.com' });
    expect(relyingPartyOf('https://blog.example.com:8443/sub/')).toEqual({ rpID: 'blog.example.com', origin: 'https://blog.example.com:8443' });
  });

  it('accepts plain http only on localhost, the one insecure address browsers treat as secure', () => {
    expect(relyingPartyOf('http://localhost:3000')).toEqual({ rpID: 'localhost', origin: 'http://localhost:3000' });
    expect(relyingPartyOf('http://dev.localhost')).toEqual({ rpID: 'dev.localhost', origin: 'http://dev.localhost' });
    expect(relyingPartyOf('http://blog.test')).toBeUndefined();
  });

  it('refuses IP addresses, which are never a valid rpID, and what is not an address', () => {
    for (const url of ['https://203.0.113.5', 'http://127.0.0.1:8080', 'https://[2001:db8::1]/', 'not a url', 'ftp://blog.example.com']) {
      expect(relyingPartyOf(url), url).toBeUndefined();
    }
  });
});

describe('userHandleOf', () => {
  it('is 32 opaque bytes, the same for an account every time and different between accounts and sites', () => {
    const a = userHandleOf('secret', 7);
    expect(a).toHaveLength(32);
    expect(Buffer.from(userHandleOf('secret', 7)).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(userHandleOf('secret', 8)).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(userHandleOf('other secret', 7)).equals(Buffer.from(a))).toBe(false);
    expect(Buffer.from(a).toString('latin1')).not.toContain('7');
  });
});

describe('isCounterSuspicious', () => {
  it('accepts a counter that goes up, and authenticators that never count (0 then 0)', () => {
    expect(isCounterSuspicious(0, 0)).toBe(false);
    expect(isCounterSuspicious(0, 1)).toBe(false);
    expect(isCounterSuspicious(4, 5)).toBe(false);
    expect(isCounterSuspicious(4, 900)).toBe(false);
  });

  it('refuses a counter that stays or goes back once either side counts (a clone, or a replay)', () => {
    expect(isCounterSuspicious(5, 5)).toBe(true);
    expect(isCounterSuspicious(5, 3)).toBe(true);
    expect(isCounterSuspicious(5, 0)).toBe(true);
  });
});

describe('defaultPasskeyName', () => {
  it('names synced passkeys, security keys and device-bound ones', () => {
    expect(defaultPasskeyName('multiDevice', true, ['internal', 'hybrid'])).toBe('Synced passkey');
    expect(defaultPasskeyName('singleDevice', false, ['usb', 'nfc'])).toBe('Security key');
    expect(defaultPasskeyName('singleDevice', false, ['internal'])).toBe('Passkey on a device');
  });
});

describe('cleanTransports', () => {
  it('keeps the known transports once each and drops everything else', () => {
    expect(cleanTransports(['usb', 'internal', 'usb', 'carrier-pigeon', 7, null])).toEqual(['usb', 'internal']);
    expect(cleanTransports('usb')).toEqual([]);
  });
});

describe('response shapes', () => {
  const registration = {
    id: 'AbC-_1', rawId: 'AbC-_1', type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: 'eyJ0', attestationObject: 'o2Nm', transports: ['internal'] },
  };
  const authentication = {
    id: 'AbC-_1', rawId: 'AbC-_1', type: 'public-key', clientExtensionResults: {},
    response: { clientDataJSON: 'eyJ0', authenticatorData: 'SZYN', signature: 'MEUC', userHandle: 'dXNl' },
  };

  it('accepts what credential.toJSON() gives', () => {
    expect(isRegistrationResponse(registration)).toBe(true);
    expect(isAuthenticationResponse(authentication)).toBe(true);
    expect(isAuthenticationResponse({ ...authentication, response: { ...authentication.response, userHandle: undefined } })).toBe(true);
  });

  it('refuses garbage, wrong types, ids that differ or are not base64url, and ids too long to keep', () => {
    for (const bad of [
      null, 'credential', [], {}, { ...registration, type: 'password' }, { ...registration, rawId: 'other' },
      { ...registration, id: 'has space', rawId: 'has space' }, { ...registration, id: 'a'.repeat(501), rawId: 'a'.repeat(501) },
      { ...registration, response: { ...registration.response, attestationObject: 42 } }, { ...registration, response: 'x' },
    ]) expect(isRegistrationResponse(bad), JSON.stringify(bad)?.slice(0, 80)).toBe(false);
    expect(isAuthenticationResponse(registration)).toBe(false);
    expect(isAuthenticationResponse({ ...authentication, response: { ...authentication.response, signature: '' } })).toBe(false);
  });
});

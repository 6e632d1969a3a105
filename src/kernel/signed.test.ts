// Signed tokens: only ours, only for their purpose, only until they expire.
import { describe, expect, it } from 'vitest';
import { createSigner } from './signed.js';

const signer = createSigner('a-secret-of-at-least-thirty-two-characters');
const now = Date.UTC(2026, 10, 30);

describe('createSigner', () => {
  it('gives back the data of a token it signed, before it expires', () => {
    const token = signer.sign('unsubscribe', { id: 7, email: 'ann@example.com' }, now + 1000);
    expect(signer.verify('unsubscribe', token, now)).toEqual({ id: 7, email: 'ann@example.com' });
  });

  it('refuses a token at or after its expiry', () => {
    const token = signer.sign('unsubscribe', 1, now + 1000);
    expect(signer.verify('unsubscribe', token, now + 1000)).toBeUndefined();
  });

  it('refuses a token made for another purpose', () => {
    const token = signer.sign('unsubscribe', 1, now + 1000);
    expect(signer.verify('moderate', token, now)).toBeUndefined();
  });

  it('refuses a token signed with another secret, or whose data was changed', () => {
    const other = createSigner('another-secret-of-at-least-thirty-two-chars').sign('p', 1, now + 1000);
    expect(signer.verify('p', other, now)).toBeUndefined();
    const [, signature] = signer.sign('p', 1, now + 1000).split('.');
    const forged = `${Buffer.from(JSON.stringify({ d: 2, e: now + 1000 })).toString('base64url')}.${signature}`;
    expect(signer.verify('p', forged, now)).toBeUndefined();
  });

  it('refuses what is not a token at all', () => {
    for (const junk of [undefined, 42, '', '.', 'a.b.c', 'x'.repeat(5000), ['a', 'b']]) {
      expect(signer.verify('p', junk, now)).toBeUndefined();
    }
  });
});

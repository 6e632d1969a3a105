// The pure rules of managing accounts: what a website address may be, and profile changes checked together.
import { describe, expect, it } from 'vitest';
import { validateProfileChanges, websiteProblem } from './user-admin.js';

describe('websiteProblem', () => {
  it.each(['', 'https://example.com/', 'http://example.com/path?q=1'])('accepts %j', (url) => {
    expect(websiteProblem(url)).toBeUndefined();
  });

  it.each(['javascript:alert(1)', 'ftp://example.com/', 'example.com', 'https://exa mple.com/', `https://example.com/${'a'.repeat(200)}`])(
    'refuses %j',
    (url) => {
      expect(websiteProblem(url)).toMatch(/http:\/\/ or https:\/\//);
    },
  );
});

describe('validateProfileChanges', () => {
  it('trims every field and lowercases the e-mail address, leaving out fields not given', () => {
    expect(validateProfileChanges({ displayName: '  Ann  ', email: ' Ann@Example.COM ', bio: ' Hello \n' })).toEqual({
      displayName: 'Ann', email: 'ann@example.com', bio: 'Hello',
    });
  });

  it('names every field at fault at once', () => {
    let fields: Record<string, string> = {};
    try {
      validateProfileChanges({ displayName: '', email: 'nope', url: 'javascript:x', bio: 'a\u0000b' });
    } catch (error) {
      fields = (error as { details: { fields: Record<string, string> } }).details.fields;
    }
    expect(Object.keys(fields).sort()).toEqual(['bio', 'displayName', 'email', 'url']);
  });
});

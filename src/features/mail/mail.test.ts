// Pure mail rules: masking addresses for logs, redacting errors, RFC 8058 unsubscribe headers.
import { describe, expect, it } from 'vitest';
import { maskEmail, redactText, toMailOptions, unsubscribeHeaders } from './mail.js';

describe('maskEmail', () => {
  it.each([
    ['john@example.com', 'j***@example.com'],
    ['j@example.com', '***@example.com'],
    ['John Smith <john@example.com>', 'j***@example.com'],
    ['  jane.doe+blog@mail.example.org ', 'j***@mail.example.org'],
    ['"a@b"@example.com', '"***@example.com'],
    ['@example.com', '***@example.com'],
    ['not-an-address', '***'],
    ['', '***'],
  ])('masks %j as %j', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('never keeps more than the first letter of the local part', () => {
    expect(maskEmail('secret-name@example.com')).not.toContain('secret');
  });
});

describe('redactText', () => {
  it('masks every address and blanks every secret', () => {
    expect(redactText('550 <john@example.com> and bob@example.org refused for user quire, pass hunter2', ['hunter2'])).toBe(
      '550 <j***@example.com> and b***@example.org refused for user quire, pass ***',
    );
  });

  it('ignores empty secrets', () => {
    expect(redactText('connect ECONNREFUSED 127.0.0.1:2525', [''])).toBe('connect ECONNREFUSED 127.0.0.1:2525');
  });
});

describe('unsubscribeHeaders', () => {
  it('gives the RFC 8058 one-click pair', () => {
    expect(unsubscribeHeaders('https://blog.example.com/unsubscribe?token=abc')).toEqual({
      'List-Unsubscribe': '<https://blog.example.com/unsubscribe?token=abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it.each([
    'mailto:unsubscribe@example.com',
    '/unsubscribe?token=abc',
    'https://example.com/a>, <https://evil.example',
    'https://example.com/a\r\nBcc: victim@example.com',
    'https://example.com/a b',
    'javascript:alert(1)',
  ])('refuses %j, which is not a plain absolute http(s) URL', (url) => {
    expect(() => unsubscribeHeaders(url)).toThrow(TypeError);
  });
});

describe('toMailOptions', () => {
  it('copies the message and leaves html out when there is none', () => {
    const options = toMailOptions('Quire <quire@blog.test>', { to: 'a@b.test', subject: 'Hi', text: 'Hello', headers: { 'X-A': '1' } });
    expect(options).toEqual({ from: 'Quire <quire@blog.test>', to: 'a@b.test', subject: 'Hi', text: 'Hello', headers: { 'X-A': '1' } });
    expect('html' in options).toBe(false);
  });
});

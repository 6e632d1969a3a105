// After sign-in only paths on this site are followed: everything else goes to the admin home.
import { describe, expect, it } from 'vitest';
import { safeRedirectPath, signInUrl } from './redirect.js';

describe('safeRedirectPath', () => {
  it.each(['/admin/', '/admin/comments?status=spam&paged=2', '/2026/03/14/a-post/#comments', '/'])('keeps the same-origin path %j', (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/'],
    ['a scheme-relative URL', '//evil.example'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash later on', '/a\\..\\..\\evil'],
    ['a tab that browsers strip', '/\t/evil.example'],
    ['a newline', '/admin/\nSet-Cookie: x=1'],
    ['a NUL', '/admin/\u0000'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'admin/'],
    ['an empty string', ''],
    ['a repeated parameter (array)', ['/admin/', '/x']],
    ['nothing', undefined],
    ['an overlong path', `/${'a'.repeat(2_000)}`],
  ])('sends %s to /admin/', (_what, value) => {
    expect(safeRedirectPath(value)).toBe('/admin/');
  });
});

describe('signInUrl', () => {
  it('encodes where to come back to, and only a safe path', () => {
    expect(signInUrl()).toBe('/admin/login');
    expect(signInUrl('/admin/comments?status=spam')).toBe('/admin/login?redirect_to=%2Fadmin%2Fcomments%3Fstatus%3Dspam');
    expect(signInUrl('//evil.example/')).toBe('/admin/login?redirect_to=%2Fadmin%2F');
  });
});

// The cleaning rules every OAuth 2 profile goes through: names, ids, e-mails, picture URLs.
import { describe, expect, it } from 'vitest';
import { cleanName, pictureUrlOf, subjectOf, verifiedEmailOf } from './profile-fields.js';

describe('profile fields', () => {
  it('folds white space, drops bidi overrides and lone surrogates, keeps emoji joiners', () => {
    expect(cleanName('  Ada \n\t Lovelace ')).toBe('Ada Lovelace');
    expect(cleanName('admin\u202egnp.exe')).toBe('admingnp.exe');
    expect(cleanName('a\ud800b')).toBe('ab');
    expect(cleanName('👩‍💻 Ada')).toBe('👩‍💻 Ada');
    expect(cleanName('\u200b\u0000')).toBeUndefined();
    expect(cleanName(42)).toBeUndefined();
  });

  it('never cuts a name inside an emoji', () => {
    const name = cleanName(`${'a'.repeat(99)}🙂🙂`);
    expect(name).toBe('a'.repeat(99));
  });

  it('accepts numeric ids only', () => {
    expect(subjectOf(7, 'P')).toBe('7');
    expect(subjectOf('0012', 'P')).toBe('0012');
    for (const bad of ['', ' 7', '7a', '1'.repeat(31), 1e300, Number.NaN, null, {}]) expect(() => subjectOf(bad, 'P'), String(bad)).toThrow(/P sent/);
  });

  it('keeps an e-mail only when verified and well formed', () => {
    expect(verifiedEmailOf(' ada@example.org ', true)).toBe('ada@example.org');
    expect(verifiedEmailOf('ada@example.org', false)).toBeNull();
    expect(verifiedEmailOf('not an address', true)).toBeNull();
    expect(verifiedEmailOf(`${'a'.repeat(60)}@${'b'.repeat(40)}.org`, true)).toBeNull();
  });

  it('keeps https pictures, and http ones only on this machine', () => {
    expect(pictureUrlOf('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(pictureUrlOf('http://127.0.0.1:8080/a.png')).toBe('http://127.0.0.1:8080/a.png');
    for (const bad of ['http://cdn.example/a.png', 'javascript:alert(1)', 'file:///etc/passwd', '//cdn.example/a.png', `https://x.example/${'a'.repeat(3000)}`]) {
      expect(pictureUrlOf(bad), bad).toBeNull();
    }
  });
});

// Accounts: input rules, WordPress's role → capability table, HTML trust, and e-mail masking.
import { describe, it, expect } from 'vitest';
import { AppError } from '../../kernel/errors.js';
import { type Capability, type NewUserInput, type Role, can, htmlTrustOf, maskEmail, roles, validateNewUser } from './users.js';

/** The per-field problems validateNewUser reports for `input`. */
function problemsOf(input: NewUserInput): Record<string, string> {
  try {
    validateNewUser(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'USER_INVALID') return error.details?.fields as Record<string, string>;
    throw error;
  }
  return {};
}

describe('validateNewUser', () => {
  it('normalises the e-mail and derives login and display name from it', () => {
    expect(validateNewUser({ email: '  Mara.K@Example.COM ', role: 'author' })).toEqual({
      email: 'mara.k@example.com',
      login: 'mara.k',
      displayName: 'mara.k',
      role: 'author',
      password: undefined,
      bio: '',
    });
  });

  it('keeps given login, display name, password and bio (login lowercased, text trimmed)', () => {
    const valid = validateNewUser({
      email: 'a@example.com',
      login: ' Mara ',
      displayName: ' Mara K. ',
      role: 'editor',
      password: 'correct horse',
      bio: ' Writes. ',
    });
    expect(valid).toEqual({
      email: 'a@example.com',
      login: 'mara',
      displayName: 'Mara K.',
      role: 'editor',
      password: 'correct horse',
      bio: 'Writes.',
    });
  });

  it.each(['', 'plain', 'a@b', 'a b@example.com', 'a@@example.com', `${'x'.repeat(65)}@example.com`])(
    'rejects the e-mail %j',
    (email) => {
      expect(Object.keys(problemsOf({ email, login: 'ok', role: 'author' }))).toEqual(['email']);
    },
  );

  it('rejects an e-mail longer than 100 characters', () => {
    const email = `a@${'d'.repeat(95)}.com`;
    expect(Object.keys(problemsOf({ email, login: 'ok', role: 'author' }))).toEqual(['email']);
  });

  it.each(['', '-dash-first', 'has space', 'ünï', 'a'.repeat(61), 'semi;colon'])('rejects the login %j', (login) => {
    expect(Object.keys(problemsOf({ email: 'a@example.com', login, displayName: 'A', role: 'author' }))).toEqual(['login']);
  });

  it('accepts logins with dots, dashes, underscores and digits up to 60 characters', () => {
    for (const login of ['a', '0day', 'mara.k', 'mara_k-2', 'a'.repeat(60)]) {
      expect(validateNewUser({ email: 'a@example.com', login, role: 'author' }).login).toBe(login);
    }
  });

  it('accepts every role and rejects anything else', () => {
    for (const role of roles) expect(validateNewUser({ email: 'a@example.com', role }).role).toBe(role);
    expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'superadmin' }))).toEqual(['role']);
    expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'Administrator' }))).toEqual(['role']);
  });

  it('accepts passwords of 8 to 256 characters of any kind', () => {
    for (const password of ['12345678', ' '.repeat(8), 'p'.repeat(256), 'пароль-🔑🔑']) {
      expect(validateNewUser({ email: 'a@example.com', role: 'author', password }).password).toBe(password);
    }
  });

  it('rejects passwords shorter than 8 or longer than 256 characters', () => {
    for (const password of ['', '1234567', 'p'.repeat(257)]) {
      expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'author', password }))).toEqual(['password']);
    }
  });

  it('rejects blank or overlong display names and overlong biographies', () => {
    expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'author', displayName: '   ' }))).toEqual(['displayName']);
    expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'author', displayName: 'n'.repeat(101) }))).toEqual([
      'displayName',
    ]);
    expect(Object.keys(problemsOf({ email: 'a@example.com', role: 'author', bio: 'b'.repeat(2001) }))).toEqual(['bio']);
  });

  it('reports every problem together as USER_INVALID of kind invalid', () => {
    let caught: unknown;
    try {
      validateNewUser({ email: 'nope', login: '-', displayName: '', role: 'king', password: 'short', bio: 'b'.repeat(2001) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).kind).toBe('invalid');
    const fields = (caught as AppError).details?.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['bio', 'displayName', 'email', 'login', 'password', 'role']);
  });
});

describe('can', () => {
  const table: Readonly<Record<Role, readonly Capability[]>> = {
    subscriber: ['read'],
    contributor: ['read', 'edit_posts'],
    author: ['read', 'edit_posts', 'publish_posts', 'upload_files'],
    editor: [
      'read', 'edit_posts', 'publish_posts', 'upload_files', 'edit_others_posts', 'edit_pages',
      'moderate_comments', 'manage_categories', 'unfiltered_html',
    ],
    administrator: [
      'read', 'edit_posts', 'publish_posts', 'upload_files', 'edit_others_posts', 'edit_pages',
      'moderate_comments', 'manage_categories', 'unfiltered_html', 'manage_options', 'list_users', 'create_users',
    ],
  };
  const everyCapability = table.administrator;

  it.each(roles)('gives %s exactly its WordPress capabilities', (role) => {
    const granted = everyCapability.filter((capability) => can(role, capability));
    expect(granted).toEqual(table[role]);
  });

  it('only lets administrators manage options and users', () => {
    for (const role of roles) {
      expect(can(role, 'manage_options'), role).toBe(role === 'administrator');
      expect(can(role, 'create_users'), role).toBe(role === 'administrator');
    }
  });

  it('gives every higher role all the capabilities of the roles below it', () => {
    const ladder = [...roles].reverse(); // subscriber … administrator
    for (let i = 1; i < ladder.length; i++) {
      const [lower, higher] = [ladder[i - 1] as Role, ladder[i] as Role];
      for (const capability of everyCapability) {
        if (can(lower, capability)) expect(can(higher, capability), `${higher} ${capability}`).toBe(true);
      }
    }
  });
});

describe('htmlTrustOf', () => {
  it('trusts administrators and editors with unfiltered HTML and everyone else with safe HTML', () => {
    expect(roles.map((role) => [role, htmlTrustOf(role)])).toEqual([
      ['administrator', 'unfiltered'],
      ['editor', 'unfiltered'],
      ['author', 'safe'],
      ['contributor', 'safe'],
      ['subscriber', 'safe'],
    ]);
  });
});

describe('maskEmail', () => {
  it('shows the first letter of the local part and the whole domain', () => {
    expect(maskEmail('mara@example.com')).toBe('m***@example.com');
  });

  it('never reveals the whole local part, even when it is one letter long', () => {
    expect(maskEmail('a@example.com')).toBe('***@example.com');
    for (const email of ['ab@example.com', 'a@example.com', 'mara.k+blog@example.com']) {
      const local = email.split('@')[0] ?? '';
      expect(maskEmail(email).split('@')[0], email).not.toContain(local);
    }
  });

  it('does not leak the length of the local part', () => {
    expect(maskEmail('mara@example.com')).toBe(maskEmail('m.very.long.name@example.com'));
  });

  it('copes with text that is not an e-mail address', () => {
    expect(maskEmail('')).toBe('***');
    expect(maskEmail('nobody')).toBe('***');
  });
});

// Configuration from the environment: defaults, every bad value reported at once, a frozen result.
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { problemsOf } from '../../test/support/config.js';
import { ConfigError, loadConfig } from './load.js';


describe('loadConfig defaults', () => {
  // toMatchObject: settings added later get their own tests.
  it('uses the documented defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      publicUrl: 'http://127.0.0.1:3000',
      databaseUrl: undefined,
      databaseSchema: undefined,
      logLevel: 'info',
      seedDemo: true,
      secret: undefined,
    });
  });

  it('treats empty and blank variables as unset', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '   ', QUIRE_URL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('derives the public URL from HOST and PORT, using 127.0.0.1 for 0.0.0.0', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: 'blog.local', PORT: '80' }).publicUrl).toBe('http://blog.local:80');
  });
});

describe('loadConfig accepts good values', () => {
  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      QUIRE_DATA_DIR: '/var/lib/quire',
      QUIRE_URL: 'https://blog.example.com/',
      DATABASE_URL: 'postgresql://quire@db:5432/quire',
      QUIRE_DB_SCHEMA: 'quire_1',
      LOG_LEVEL: 'WARN',
      QUIRE_DEMO: 'off',
      QUIRE_SECRET: 's'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/quire',
      publicUrl: 'https://blog.example.com',
      databaseUrl: 'postgresql://quire@db:5432/quire',
      databaseSchema: 'quire_1',
      logLevel: 'warn',
      seedDemo: false,
      secret: 's'.repeat(32),
    });
  });

  it('keeps a path in the public URL but drops the trailing slash', () => {
    expect(loadConfig({ QUIRE_URL: 'https://example.com/blog/' }).publicUrl).toBe('https://example.com/blog');
  });

  it('accepts postgres:// as well as postgresql://', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).databaseUrl).toBe('postgres://u@h/db');
  });

  it.each([
    ['1', true], ['true', true], ['YES', true], ['on', true],
    ['0', false], ['false', false], ['No', false], ['off', false],
  ])('reads QUIRE_DEMO=%s as %s', (value, expected) => {
    expect(loadConfig({ QUIRE_DEMO: value }).seedDemo).toBe(expected);
  });

  it('lets overrides win over the environment', () => {
    expect(loadConfig({ PORT: '8080' }, { port: 0 }).port).toBe(0);
  });
});

describe('loadConfig rejects bad values', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['QUIRE_URL', 'ftp://x'],
    ['QUIRE_URL', 'https://blog.example.com/?page=1'],
    ['QUIRE_URL', 'https://blog.example.com/#top'],
    ['QUIRE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://u@h/db'],
    ['DATABASE_URL', 'sqlite:./data/quire.db'],
    ['LOG_LEVEL', 'loud'],
    ['QUIRE_DEMO', 'maybe'],
    ['QUIRE_SECRET', 'too-short'],
    ['QUIRE_DB_SCHEMA', 'Bad-Name'],
    ['QUIRE_DB_SCHEMA', '1starts_with_digit'],
  ])('reports %s=%s, naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports all problems together in one ConfigError', () => {
    const env = {
      PORT: 'abc',
      QUIRE_URL: 'ftp://x',
      DATABASE_URL: 'mysql://u@h/db',
      LOG_LEVEL: 'loud',
      QUIRE_DEMO: 'maybe',
      QUIRE_SECRET: 'short',
      QUIRE_DB_SCHEMA: 'Bad-Name',
    };
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const { problems, message } = caught as ConfigError;
    expect(problems).toHaveLength(7);
    for (const name of Object.keys(env)) {
      expect(problems.some((p) => p.includes(name)), name).toBe(true);
      expect(message).toContain(name);
    }
  });

  it('quotes the bad value so people can find it', () => {
    expect(problemsOf({ PORT: 'abc' })[0]).toContain('"abc"');
    expect(problemsOf({ LOG_LEVEL: 'loud' })[0]).toContain('"loud"');
  });

  it('does not put the secret in the message', () => {
    expect(problemsOf({ QUIRE_SECRET: 'hunter2-secret' }).join('\n')).not.toContain('hunter2');
  });
});

describe('loadConfig result', () => {
  it('is frozen', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('page cache and Redis settings', () => {
  it('default to a cached, single-process site', () => {
    expect(loadConfig({})).toMatchObject({ pageCache: true, redisUrl: undefined, redisPrefix: 'quire:' });
  });

  it.each([
    ['off', false],
    ['OFF', false],
    ['0', false],
    ['on', true],
    ['1', true],
  ])('reads QUIRE_PAGE_CACHE=%s', (value, expected) => {
    expect(loadConfig({ QUIRE_PAGE_CACHE: value }).pageCache).toBe(expected);
  });

  it('accepts redis:// and rediss:// URLs and a prefix', () => {
    expect(loadConfig({ REDIS_URL: 'redis://:secret@cache.internal:6380/2', QUIRE_REDIS_PREFIX: 'blog1:' })).toMatchObject({
      redisUrl: 'redis://:secret@cache.internal:6380/2',
      redisPrefix: 'blog1:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example.com' }).redisUrl).toBe('rediss://cache.example.com');
  });

  it('reports every bad value at once, each with what to write instead', () => {
    const problems = problemsOf({ QUIRE_PAGE_CACHE: 'sometimes', REDIS_URL: 'http://cache:6379', QUIRE_REDIS_PREFIX: 'my blog' });
    expect(problems).toEqual([
      'QUIRE_PAGE_CACHE must be on or off, not "sometimes".',
      expect.stringMatching(/^REDIS_URL must be a redis:\/\/ \(or rediss:\/\/ for TLS\) URL with a host, like redis:\/\/127\.0\.0\.1:6379/),
      expect.stringMatching(/^QUIRE_REDIS_PREFIX must be 1–64 letters/),
    ]);
    expect(problemsOf({ REDIS_URL: 'redis://' })).toHaveLength(1);
    expect(problemsOf({ REDIS_URL: 'not a url' })).toHaveLength(1);
  });
});

describe('mail settings', () => {
  it('default to .eml files and a quire@ sender on the public URL\'s host', () => {
    expect(loadConfig({ QUIRE_URL: 'https://blog.example.com/news' })).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'Quire <quire@blog.example.com>',
    });
  });

  it('derive the sender like WordPress: without www., and an IP host as a domain literal', () => {
    expect(loadConfig({ QUIRE_URL: 'https://www.example.com' }).mailFrom).toBe('Quire <quire@example.com>');
    expect(loadConfig({}).mailFrom).toBe('Quire <quire@[127.0.0.1]>');
    expect(loadConfig({ QUIRE_URL: 'http://[::1]:3000' }).mailFrom).toBe('Quire <quire@[IPv6:::1]>');
  });

  it.each([
    'smtp://mail.example.com',
    'smtp://user:p%40ss@mail.example.com:587',
    'smtps://apikey:secret@smtp.example.com:465',
  ])('accepts SMTP_URL=%s', (value) => {
    expect(loadConfig({ SMTP_URL: value }).smtpUrl).toBe(value);
  });

  it.each([
    'blog@example.com',
    'Example Blog <blog@example.com>',
    '"Smith, John" <john@example.com>',
    'Bücher <info@bücher.de>',
  ])('accepts QUIRE_MAIL_FROM=%s', (value) => {
    expect(loadConfig({ QUIRE_MAIL_FROM: value }).mailFrom).toBe(value);
  });

  it.each([
    ['SMTP_URL', 'http://mail.example.com'],
    ['SMTP_URL', 'smtp://'],
    ['SMTP_URL', 'mail.example.com:587'],
    ['QUIRE_MAIL_FROM', 'blog'],
    ['QUIRE_MAIL_FROM', 'Blog <blog>'],
    ['QUIRE_MAIL_FROM', 'Blog <blog@example.com'],
    ['QUIRE_MAIL_FROM', 'a@example.com, b@example.com'],
    ['QUIRE_MAIL_FROM', 'Smith, John <john@example.com>'],
  ])('reports %s=%s, naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('say what to write instead', () => {
    expect(problemsOf({ SMTP_URL: 'mail.example.com', QUIRE_MAIL_FROM: 'blog' })).toEqual([
      expect.stringMatching(/^SMTP_URL must be an smtp:\/\/ \(or smtps:\/\/ for TLS from the start\) URL with a host, like smtp:\/\/user:password@mail\.example\.com:587/),
      expect.stringMatching(/^QUIRE_MAIL_FROM must be an e-mail address like blog@example\.com or a name and address like Example Blog <blog@example\.com>.*, not "blog"\.$/),
    ]);
  });

  it('never quote SMTP_URL back, which holds the password', () => {
    expect(problemsOf({ SMTP_URL: 'http://quire:hunter2@mail.example.com' }).join('\n')).not.toContain('hunter2');
  });
});

describe('sign-in providers (QUIRE_AUTH_*)', () => {
  const google = { QUIRE_AUTH_GOOGLE_CLIENT_ID: 'g-id', QUIRE_AUTH_GOOGLE_CLIENT_SECRET: 'g-secret' };

  it('enables none by default, and exactly those whose client id is set', () => {
    expect(loadConfig({}).authProviders).toEqual({});
    expect(loadConfig(google).authProviders).toEqual({ google: { clientId: 'g-id', clientSecret: 'g-secret', issuer: 'https://accounts.google.com' } });
  });

  it('reads every provider with its overrides', () => {
    const env: Record<string, string> = {
      ...google,
      QUIRE_AUTH_GOOGLE_ISSUER: 'https://accounts.example.com',
      QUIRE_AUTH_OIDC_ISSUER: 'https://id.example.com/realms/blog',
      QUIRE_AUTH_OIDC_CLIENT_ID: 'o-id',
      QUIRE_AUTH_OIDC_CLIENT_SECRET: 'o-secret',
      QUIRE_AUTH_OIDC_NAME: 'Example ID',
    };
    for (const p of ['FACEBOOK', 'X', 'WORDPRESS', 'GITHUB']) {
      Object.assign(env, {
        [`QUIRE_AUTH_${p}_CLIENT_ID`]: `${p}-id`,
        [`QUIRE_AUTH_${p}_CLIENT_SECRET`]: `${p}-secret`,
        [`QUIRE_AUTH_${p}_AUTHORIZE_URL`]: `https://${p}.example/authorize`,
        [`QUIRE_AUTH_${p}_TOKEN_URL`]: `https://${p}.example/token`,
        [`QUIRE_AUTH_${p}_USERINFO_URL`]: `https://${p}.example/me`,
      });
    }
    const { authProviders } = loadConfig(env);
    expect(Object.keys(authProviders).sort()).toEqual(['facebook', 'github', 'google', 'oidc', 'wordpress', 'x']);
    expect(authProviders.google?.issuer).toBe('https://accounts.example.com');
    expect(authProviders.oidc).toEqual({ clientId: 'o-id', clientSecret: 'o-secret', issuer: 'https://id.example.com/realms/blog', name: 'Example ID' });
    expect(authProviders.x).toEqual({
      clientId: 'X-id', clientSecret: 'X-secret',
      authorizeUrl: 'https://X.example/authorize', tokenUrl: 'https://X.example/token', userinfoUrl: 'https://X.example/me',
    });
    expect(authProviders.github?.userinfoUrl).toBe('https://GITHUB.example/me');
  });

  it.each(['http://127.0.0.1:8080', 'http://127.0.0.9/issuer', 'http://localhost:3000/', 'http://[::1]:9000'])(
    'accepts plain http on the loopback host of %s (local test providers)', (issuer) => {
      expect(loadConfig({ ...google, QUIRE_AUTH_GOOGLE_ISSUER: issuer }).authProviders.google?.issuer).toBe(issuer);
    },
  );

  it.each([
    ['http on another host', 'QUIRE_AUTH_GOOGLE_ISSUER', 'http://accounts.example.com'],
    ['http on a private address', 'QUIRE_AUTH_GOOGLE_ISSUER', 'http://10.0.0.1'],
    ['a host that only starts like localhost', 'QUIRE_AUTH_GOOGLE_ISSUER', 'http://localhost.evil.example'],
    ['not a URL', 'QUIRE_AUTH_GOOGLE_ISSUER', 'accounts.google.com'],
    ['credentials in the URL', 'QUIRE_AUTH_GOOGLE_ISSUER', 'https://user:pw@accounts.example.com'],
    ['another scheme', 'QUIRE_AUTH_GOOGLE_ISSUER', 'ftp://accounts.example.com'],
  ])('reports %s, naming the variable', (_what, name, value) => {
    const problems = problemsOf({ ...google, [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it.each(['FACEBOOK', 'X', 'WORDPRESS', 'GITHUB'])('checks the %s endpoint overrides the same way', (p) => {
    const problems = problemsOf({
      [`QUIRE_AUTH_${p}_CLIENT_ID`]: 'id', [`QUIRE_AUTH_${p}_CLIENT_SECRET`]: 'secret',
      [`QUIRE_AUTH_${p}_AUTHORIZE_URL`]: 'http://example.com/a', [`QUIRE_AUTH_${p}_TOKEN_URL`]: 'nope', [`QUIRE_AUTH_${p}_USERINFO_URL`]: 'http://127.0.0.1:1/me',
    });
    expect(problems).toEqual([expect.stringContaining(`QUIRE_AUTH_${p}_AUTHORIZE_URL`), expect.stringContaining(`QUIRE_AUTH_${p}_TOKEN_URL`)]);
  });

  it.each(['GOOGLE', 'FACEBOOK', 'X', 'WORDPRESS', 'GITHUB', 'OIDC'])('refuses a %s client id without its secret, and a secret without its id', (p) => {
    const extra: Record<string, string> = p === 'OIDC' ? { QUIRE_AUTH_OIDC_ISSUER: 'https://id.example.com' } : {};
    const noSecret = problemsOf({ ...extra, [`QUIRE_AUTH_${p}_CLIENT_ID`]: 'id' });
    expect(noSecret).toEqual([expect.stringContaining(`QUIRE_AUTH_${p}_CLIENT_SECRET must be set with QUIRE_AUTH_${p}_CLIENT_ID`)]);
    const noId = problemsOf({ [`QUIRE_AUTH_${p}_CLIENT_SECRET`]: 'secret' });
    expect(noId).toEqual([expect.stringContaining(`QUIRE_AUTH_${p}_CLIENT_ID is not`)]);
  });

  it('needs an issuer for the generic OpenID Connect provider, and a short name', () => {
    expect(problemsOf({ QUIRE_AUTH_OIDC_CLIENT_ID: 'id', QUIRE_AUTH_OIDC_CLIENT_SECRET: 's' })).toEqual([
      expect.stringContaining('QUIRE_AUTH_OIDC_ISSUER must be set with QUIRE_AUTH_OIDC_CLIENT_ID'),
    ]);
    const named = { QUIRE_AUTH_OIDC_CLIENT_ID: 'id', QUIRE_AUTH_OIDC_CLIENT_SECRET: 's', QUIRE_AUTH_OIDC_ISSUER: 'https://id.example.com' };
    expect(problemsOf({ ...named, QUIRE_AUTH_OIDC_NAME: 'x'.repeat(41) })).toEqual([expect.stringContaining('QUIRE_AUTH_OIDC_NAME')]);
  });

  it('never quotes a client secret back', () => {
    expect(problemsOf({ QUIRE_AUTH_GITHUB_CLIENT_SECRET: 'hunter2-secret' }).join('\n')).not.toContain('hunter2');
  });
});

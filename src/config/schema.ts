// Every setting read from the environment: its variable, default and one line of documentation.

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The sign-in providers (OAuth 2 / OpenID Connect) Quire can be configured with. */
export type AuthProviderId = 'google' | 'facebook' | 'x' | 'wordpress' | 'github' | 'oidc';

/** One provider's client registration and endpoint overrides (QUIRE_AUTH_<PROVIDER>_*). */
export interface AuthProviderConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** OIDC providers (google, oidc): the issuer to discover. */
  readonly issuer?: string;
  /** OAuth 2 providers: endpoints replacing the provider's own (local test servers, self-hosted instances). */
  readonly authorizeUrl?: string;
  readonly tokenUrl?: string;
  readonly userinfoUrl?: string;
  /** The generic OIDC provider's label on its icon. */
  readonly name?: string;
}

/** The enabled providers only: a provider is enabled when its client id is set. */
export type AuthProvidersConfig = Readonly<Partial<Record<AuthProviderId, AuthProviderConfig>>>;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Public base URL without a trailing slash, e.g. https://blog.example.com */
  readonly publicUrl: string;
  /** undefined: embedded SQLite in dataDir; a postgres:// URL: PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema to keep Quire's tables in (default: the connection's search_path). */
  readonly databaseSchema: string | undefined;
  readonly logLevel: LogLevel;
  /** Seed the demo site into an empty database at start. */
  readonly seedDemo: boolean;
  /** Secret for signing cookies and hashing IPs; read from dataDir/secret.key when not given. */
  readonly secret: string | undefined;
  /** Serve anonymous readers' pages from the in-process page cache (off: render every request). */
  readonly pageCache: boolean;
  /** redis://… to share change events and counters between processes; undefined: all in-process. */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel, so that several sites can share one Redis. */
  readonly redisPrefix: string;
  /** Run the background-job worker in this process (off: a web-only node; another process must run jobs). */
  readonly jobsEnabled: boolean;
  /**
   * Whose X-Forwarded-For/-Proto/-Host to believe: nobody (false), the nearest N proxies, or proxies at these
   * addresses, CIDRs or named ranges (loopback, linklocal, uniquelocal). Decides the client IP rate limits count.
   */
  readonly trustProxy: false | number | readonly string[];
  /** smtp:// or smtps:// URL of the server that sends e-mail; undefined: messages are written to dataDir/mail as .eml files. */
  readonly smtpUrl: string | undefined;
  /** The From of every e-mail: an address or "Name <address>"; by default quire@ the public URL's host. */
  readonly mailFrom: string;
  /** Sign-in providers whose client id is set, with their credentials and endpoint overrides. */
  readonly authProviders: AuthProvidersConfig;
}

export interface SettingDoc {
  readonly env: string;
  readonly default: string;
  readonly doc: string;
}

export const configDocs: readonly SettingDoc[] = [
  { env: 'PORT', default: '3000', doc: 'TCP port to listen on (1–65535).' },
  { env: 'HOST', default: '127.0.0.1', doc: 'Address to listen on; 0.0.0.0 to accept connections from other machines.' },
  { env: 'QUIRE_DATA_DIR', default: './data', doc: 'Folder for the SQLite database, the secret key, uploads and outgoing mail.' },
  { env: 'QUIRE_URL', default: 'http://HOST:PORT', doc: 'Public base URL of the site, used in links, feeds and e-mails.' },
  { env: 'DATABASE_URL', default: '(SQLite in the data folder)', doc: 'postgres://user@host:5432/db to use PostgreSQL instead of SQLite.' },
  { env: 'QUIRE_DB_SCHEMA', default: '(public)', doc: 'PostgreSQL schema for Quire\'s tables: lowercase letters, digits and underscores.' },
  { env: 'LOG_LEVEL', default: 'info', doc: 'fatal, error, warn, info, debug, trace or silent.' },
  { env: 'QUIRE_DEMO', default: '1', doc: '0 starts an empty site instead of seeding the demo into a new database.' },
  { env: 'QUIRE_SECRET', default: '(generated into the data folder)', doc: 'At least 32 characters; signs cookies. Give every process of one site the same value.' },
  { env: 'QUIRE_PAGE_CACHE', default: 'on', doc: 'on or off. On, anonymous readers get pages from a cache that every change purges; off renders every request (benchmarks, debugging).' },
  { env: 'REDIS_URL', default: '(none: one machine)', doc: 'redis://host:6379 (or rediss://) to run Quire on several machines: their processes share cache invalidations and rate-limit counters (the workers of one `quire serve --workers N` share them without it).' },
  { env: 'QUIRE_REDIS_PREFIX', default: 'quire:', doc: 'Prefix of Quire\'s Redis keys and channels; give each site that shares one Redis its own.' },
  { env: 'QUIRE_JOBS', default: '1', doc: '0 runs no background jobs (scheduled publishing, e-mail) in this process, e.g. on a web-only node; at least one process of the site must run them.' },
  { env: 'QUIRE_TRUST_PROXY', default: 'off', doc: 'Which proxies\' X-Forwarded-For/-Proto/-Host headers to believe (the client address rate limits count comes from them): off, a number of proxy hops (1–10), or a comma-separated list of proxy addresses and CIDRs such as 127.0.0.1,10.0.0.0/8 (loopback, linklocal and uniquelocal name those ranges).' },
  { env: 'SMTP_URL', default: '(none: mail is written to data/mail as .eml files)', doc: 'smtp://user:password@mail.example.com:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start) to send e-mail; percent-encode special characters of the user and password.' },
  { env: 'QUIRE_MAIL_FROM', default: 'Quire <quire@HOST of QUIRE_URL>', doc: 'Sender of every e-mail: an address like `blog@example.com` or a name and address like `Example Blog <blog@example.com>`. Your mail provider may require an address of its domain.' },
  ...authProviderDocs(),
];

/** The QUIRE_AUTH_* variables, one row each (generated: six providers share the same shapes). */
function authProviderDocs(): SettingDoc[] {
  const oauth2 = [['FACEBOOK', 'Facebook'], ['X', 'X (Twitter)'], ['WORDPRESS', 'WordPress.com'], ['GITHUB', 'GitHub']] as const;
  const credentials = (p: string, label: string): SettingDoc[] => [
    { env: `QUIRE_AUTH_${p}_CLIENT_ID`, default: '(none: off)', doc: `Client id of the site's ${label} app; setting it (and the secret) shows the ${label} sign-in icon.` },
    { env: `QUIRE_AUTH_${p}_CLIENT_SECRET`, default: '(none)', doc: `Client secret of the ${label} app; required with the client id.` },
  ];
  const endpoint = (p: string, label: string, which: string, key: string): SettingDoc => ({
    env: `QUIRE_AUTH_${p}_${key}_URL`, default: `(${label}'s own)`, doc: `Replaces ${label}'s ${which} endpoint (https; http only on 127.0.0.1, ::1 or localhost).`,
  });
  return [
    ...credentials('GOOGLE', 'Google'),
    { env: 'QUIRE_AUTH_GOOGLE_ISSUER', default: 'https://accounts.google.com', doc: 'Issuer discovered for Google sign-in (https; http only on 127.0.0.1, ::1 or localhost).' },
    ...oauth2.flatMap(([p, label]) => [
      ...credentials(p, label),
      endpoint(p, label, 'authorization', 'AUTHORIZE'),
      endpoint(p, label, 'token', 'TOKEN'),
      endpoint(p, label, 'user profile', 'USERINFO'),
    ]),
    { env: 'QUIRE_AUTH_OIDC_ISSUER', default: '(none)', doc: 'Issuer URL of any OpenID Connect provider (Keycloak, Auth0, Authentik…), found by discovery; required with QUIRE_AUTH_OIDC_CLIENT_ID.' },
    ...credentials('OIDC', 'OpenID Connect provider'),
    { env: 'QUIRE_AUTH_OIDC_NAME', default: 'the issuer\'s host', doc: 'Name of the OpenID Connect provider on its icon and in "your … account".' },
  ];
}

// Every setting read from the environment: its variable, default and one line of documentation.

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

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
];

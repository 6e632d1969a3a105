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
];

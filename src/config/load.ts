// Reads the environment once, reports every problem together, and returns a frozen Config.
import net from 'node:net';
import path from 'node:path';
import { parseAuthProviders } from './auth-providers.js';
import type { Config, LogLevel } from './schema.js';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Quire cannot start because of its configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const port = parsePort(text('PORT'), problems);
  const host = text('HOST') ?? '127.0.0.1';
  const dataDir = path.resolve(text('QUIRE_DATA_DIR') ?? './data');
  const publicUrl = parsePublicUrl(text('QUIRE_URL'), host, port, problems);
  const databaseUrl = parseDatabaseUrl(text('DATABASE_URL'), problems);
  const databaseSchema = text('QUIRE_DB_SCHEMA');
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push('QUIRE_DB_SCHEMA must be lowercase letters, digits and underscores, starting with a letter or underscore.');
  }
  const logLevel = parseLogLevel(text('LOG_LEVEL'), problems);
  const seedDemo = parseFlag('QUIRE_DEMO', text('QUIRE_DEMO'), true, problems);
  const secret = text('QUIRE_SECRET');
  if (secret !== undefined && secret.length < 32) {
    problems.push('QUIRE_SECRET must be at least 32 characters long (try: openssl rand -base64 48).');
  }
  const pageCache = parseOnOff('QUIRE_PAGE_CACHE', text('QUIRE_PAGE_CACHE'), true, problems);
  const jobsEnabled = parseFlag('QUIRE_JOBS', text('QUIRE_JOBS'), true, problems);
  const redisUrl = parseRedisUrl(text('REDIS_URL'), problems);
  const redisPrefix = text('QUIRE_REDIS_PREFIX') ?? 'quire:';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisPrefix)) {
    problems.push('QUIRE_REDIS_PREFIX must be 1–64 letters, digits, colons, dots, dashes or underscores, like "blog1:".');
  }
  const trustProxy = parseTrustProxy(text('QUIRE_TRUST_PROXY'), problems);
  const smtpUrl = parseSmtpUrl(text('SMTP_URL'), problems);
  const mailFrom = parseMailFrom(text('QUIRE_MAIL_FROM'), publicUrl, problems);
  const authProviders = parseAuthProviders(text, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port, host, dataDir, publicUrl, databaseUrl, databaseSchema, logLevel, seedDemo, secret, pageCache, redisUrl, redisPrefix,
    jobsEnabled, trustProxy, smtpUrl, mailFrom, authProviders, ...overrides,
  });
}

/** Named ranges that Fastify (proxy-addr) understands besides addresses and CIDRs. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

// "Trust every hop" is not offered: any client could then claim any address by sending X-Forwarded-For itself.
function parseTrustProxy(value: string | undefined, problems: string[]): false | number | readonly string[] {
  if (value === undefined || ['off', '0', 'false', 'no'].includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  if (!/^\d+$/.test(value) && entries.every(isProxyAddress)) return Object.freeze(entries);
  problems.push(
    `QUIRE_TRUST_PROXY must be off, a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses and CIDRs like 127.0.0.1,10.0.0.0/8 (or loopback, linklocal, uniquelocal), not "${value}".`,
  );
  return false;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function parseOnOff(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined) return fallback;
  if (['on', '1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['off', '0', 'false', 'no'].includes(value.toLowerCase())) return false;
  problems.push(`${name} must be on or off, not "${value}".`);
  return fallback;
}

function parseRedisUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    problems.push('REDIS_URL must be a redis:// (or rediss:// for TLS) URL with a host, like redis://127.0.0.1:6379 (leave it unset to run in one process).');
    return undefined;
  }
  return value;
}

// The value is never quoted back: it usually holds the SMTP password.
function parseSmtpUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    problems.push(
      'SMTP_URL must be an smtp:// (or smtps:// for TLS from the start) URL with a host, like smtp://user:password@mail.example.com:587 (leave it unset to write e-mail to the data folder as .eml files).',
    );
    return undefined;
  }
  return value;
}

// An address, or a display name and an address in angle brackets. A name holding , ; : or @ must be quoted:
// unquoted, mail libraries read it as several addresses.
const MAIL_ADDRESS = String.raw`[^\s@<>()\[\],;:"\\]+@(?:[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*|\[[^\s\[\]]+\])`;
const MAIL_FROM = new RegExp(String.raw`^(?:${MAIL_ADDRESS}|(?:"[^"\\\p{Cc}]*"|[^<>",;:@\p{Cc}]+)\s*<${MAIL_ADDRESS}>)$`, 'u');

function parseMailFrom(value: string | undefined, publicUrl: string, problems: string[]): string {
  const fallback = `Quire <quire@${mailDomainOf(publicUrl)}>`;
  if (value === undefined) return fallback;
  if (!MAIL_FROM.test(value)) {
    problems.push(
      `QUIRE_MAIL_FROM must be an e-mail address like blog@example.com or a name and address like Example Blog <blog@example.com> (quote a name that holds , ; : or @), not "${value}".`,
    );
    return fallback;
  }
  return value;
}

/** Like WordPress's wordpress@domain: the public URL's host without www.; an IP address as a domain literal. */
function mailDomainOf(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  if (net.isIPv4(host)) return `[${host}]`;
  if (host.startsWith('[')) return `[IPv6:${host.slice(1, -1)}]`;
  return host.replace(/^www\./i, '');
}

function parsePort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number from 0 to 65535, not "${value}".`);
    return 3000;
  }
  return port;
}

function parsePublicUrl(value: string | undefined, host: string, port: number, problems: string[]): string {
  const fallback = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  if (value === undefined) return fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    if (url.search || url.hash) throw new Error('query');
    return url.toString().replace(/\/+$/, '');
  } catch {
    problems.push(`QUIRE_URL must be an http(s) URL without query or fragment, like https://blog.example.com, not "${value}".`);
    return fallback;
  }
}

function parseDatabaseUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//.test(value)) {
    problems.push('DATABASE_URL must start with postgres:// (leave it unset to use the embedded SQLite database).');
    return undefined;
  }
  return value;
}

function parseLogLevel(value: string | undefined, problems: string[]): LogLevel {
  if (value === undefined) return 'info';
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase());
  if (!level) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`);
  return level ?? 'info';
}

function parseFlag(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  problems.push(`${name} must be 1 or 0, not "${value}".`);
  return fallback;
}

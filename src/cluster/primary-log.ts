// The primary's log lines: one JSON object a line in pino's shape, so they read like the workers' Fastify logs.
import os from 'node:os';
import type { LogLevel } from '../config/schema.js';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity } as const satisfies Record<LogLevel, number>;

type Fields = Readonly<Record<string, unknown>>;

export interface PrimaryLog {
  info(fields: Fields, message: string): void;
  warn(fields: Fields, message: string): void;
  error(fields: Fields, message: string): void;
}

export function createPrimaryLog(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): PrimaryLog {
  const threshold = LEVELS[level];
  const emit = (at: 'info' | 'warn' | 'error') => (fields: Fields, message: string) => {
    if (LEVELS[at] < threshold) return;
    const error = fields.err instanceof Error ? { err: { type: fields.err.name, message: fields.err.message } } : {};
    // The fixed fields last: a field named pid must not pass a worker's pid off as the primary's.
    const line = { level: LEVELS[at], time: Date.now(), ...fields, ...error, pid: process.pid, hostname: os.hostname(), role: 'primary', msg: message };
    write(`${JSON.stringify(line)}\n`);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

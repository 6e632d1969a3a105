// Application passwords (WordPress 5.6+): what one is, how it is made, shown and read back, and the limits on them.
import { randomInt } from 'node:crypto';

/** One application password as its owner sees it listed: never the password itself, which is shown once. */
export interface AppPassword {
  readonly uuid: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

/** A password just made: `password` is its only appearance anywhere (only its sha256 is stored). */
export interface NewAppPassword {
  readonly appPassword: AppPassword;
  readonly password: string;
}

export const APP_PASSWORD_LENGTH = 24;
export const APP_PASSWORD_NAME_MAX = 100;
export const MAX_APP_PASSWORDS_PER_USER = 50;
/** Last use is written at most this often: a client polling the API would otherwise write on every request. */
export const LAST_USED_RESOLUTION_MS = 60 * 1000;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24 characters from [A-Za-z0-9], as WordPress's wp_generate_password(24, false): about 143 random bits. */
export function generateAppPassword(): string {
  let password = '';
  for (let i = 0; i < APP_PASSWORD_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}

/** WordPress's display: groups of four separated by spaces (`abcd efgh ijkl mnop qrst uvwx`). */
export function chunkAppPassword(password: string): string {
  return password.match(/.{1,4}/g)?.join(' ') ?? '';
}

/**
 * What is checked of a typed password: its letters and digits only, as WordPress does, so it works with or
 * without the spaces of its display (generated passwords are alphanumeric, so nothing of them is lost).
 */
export function normalizeAppPassword(typed: string): string {
  return typed.replace(/[^A-Za-z0-9]/g, '');
}

const CONTROL = /\p{Cc}/u;

/** The problem with a name for a new application password (already trimmed), if any. */
export function appPasswordNameProblem(name: string): string | undefined {
  if (name.length === 0 || [...name].length > APP_PASSWORD_NAME_MAX || CONTROL.test(name)) {
    return `A name is 1–${APP_PASSWORD_NAME_MAX} characters, without control characters.`;
  }
  return undefined;
}

/** Whether a use at `now` should be recorded, given the last recorded one. */
export function isUseWorthRecording(lastUsedAt: string | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - new Date(lastUsedAt).getTime() >= LAST_USED_RESOLUTION_MS;
}

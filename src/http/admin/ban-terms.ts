// How the ban forms say how long a ban lasts, and reading what they sent.
import { AppError } from '../../kernel/errors.js';

/** Days a ban lasts, by the form's value; null: for ever. */
const BAN_DURATIONS: ReadonlyMap<string, number | null> = new Map([['1', 1], ['7', 7], ['30', 30], ['forever', null]]);

export const BAN_DURATION_OPTIONS: readonly { readonly value: string; readonly label: string }[] = [
  { value: '1', label: '1 day' }, { value: '7', label: '7 days' }, { value: '30', label: '30 days' }, { value: 'forever', label: 'For ever' },
];

const DAY = 24 * 60 * 60_000;

export function banDurationInvalid(): AppError {
  return new AppError({
    code: 'BAN_INVALID', kind: 'invalid', message: 'Choose how long the ban lasts: 1 day, 7 days, 30 days or for ever.',
    details: { fields: { duration: 'Choose 1 day, 7 days, 30 days or for ever.' } },
  });
}

/** When a ban of `duration` made at `now` ends (ISO UTC), or undefined for ever; BAN_INVALID for anything else. */
export function banExpiryOf(duration: unknown, now: Date): string | undefined {
  const days = typeof duration === 'string' ? BAN_DURATIONS.get(duration) : undefined;
  if (days === undefined) throw banDurationInvalid();
  return days === null ? undefined : new Date(now.getTime() + days * DAY).toISOString();
}

/** The reason typed in a ban form ('' when none was). */
export function banReasonOf(reason: unknown): string {
  return typeof reason === 'string' ? reason : '';
}

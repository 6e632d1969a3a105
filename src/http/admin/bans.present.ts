// Turns bans into the bans screen's view models: the add form (typed values and errors kept) and the tables.
import type { Ban, BanKind } from '../../features/comments/index.js';
import type { BanRowVM, FieldVM } from '../../../themes/default/index.js';
import { BAN_DURATION_OPTIONS } from './ban-terms.js';
import { ADMIN_PATHS, formatWhen } from './present.js';

/** What the add-ban form sent (or the defaults), kept as typed. */
export interface BanFormValues {
  readonly kind: string;
  readonly value: string;
  readonly reason: string;
  readonly duration: string;
}

export const EMPTY_BAN_FORM: BanFormValues = { kind: 'email', value: '', reason: '', duration: 'forever' };

/** The kinds the form offers; 'user' bans exist (made elsewhere) and are shown, not offered. */
export const FORM_BAN_KINDS: readonly BanKind[] = ['email', 'ip', 'ip_hash'];

const KIND_LABELS: Readonly<Record<BanKind, string>> = {
  email: 'E-mail address',
  ip: 'IP address or range',
  ip_hash: 'IP hash',
  user: 'Account',
};

export function banFormFields(values: BanFormValues, errors: Readonly<Record<string, string>>): FieldVM[] {
  return [
    {
      control: 'select', name: 'kind', label: 'Ban by', value: values.kind, error: errors.kind,
      options: FORM_BAN_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
    },
    {
      control: 'text', name: 'value', label: 'Value', value: values.value, required: true, error: errors.value,
      hint: 'An e-mail address (ann@example.com) or a whole domain (@example.com); an IP address (203.0.113.7) or range (203.0.113.0/24); or the IP hash of a comment.',
    },
    { control: 'text', name: 'reason', label: 'Reason', value: values.reason, error: errors.reason, hint: 'For the history: why. At most 500 characters.' },
    { control: 'select', name: 'duration', label: 'For', value: values.duration, error: errors.duration, options: BAN_DURATION_OPTIONS },
  ];
}

export interface BanPresentContext {
  readonly now: string;
  readonly language: string;
  readonly timeZone: string;
  /** Display names of the people who banned and lifted, by id. */
  readonly names: ReadonlyMap<number, string>;
}

function nameOf(id: number | null, ctx: BanPresentContext): string {
  if (id === null) return '(unknown)';
  return ctx.names.get(id) ?? '(a deleted account)';
}

export function presentBan(ban: Ban, ctx: BanPresentContext): BanRowVM {
  const when = (iso: string) => formatWhen(iso, ctx.language, ctx.timeZone);
  const state = ban.liftedAt !== null ? 'lifted' : ban.expiresAt !== null && ban.expiresAt <= ctx.now ? 'expired' : 'active';
  return {
    id: ban.id,
    kindLabel: KIND_LABELS[ban.kind],
    value: ban.value,
    reason: ban.reason || '(no reason given)',
    byName: nameOf(ban.createdBy, ctx),
    createdIso: ban.createdAt,
    createdText: when(ban.createdAt),
    untilText: ban.expiresAt === null ? 'For ever' : when(ban.expiresAt),
    untilIso: ban.expiresAt,
    state,
    liftedText: ban.liftedAt === null ? null : `Lifted by ${nameOf(ban.liftedBy, ctx)} on ${when(ban.liftedAt)}`,
    liftAction: state === 'active' ? `${ADMIN_PATHS.bans}/${ban.id}/lift` : null,
  };
}

/** Everyone named in these bans, for one lookup of their names. */
export function peopleIn(bans: readonly Ban[]): number[] {
  return [...new Set(bans.flatMap((b) => [b.createdBy, b.liftedBy]).filter((id): id is number => id !== null))];
}

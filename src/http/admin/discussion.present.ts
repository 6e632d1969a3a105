// Settings → Discussion as a form: every discussion setting with WordPress's wording, read from a posted form
// (typed values kept, so a refused form comes back as it was sent) and presented as the theme's fields.
import type { SiteSettings } from '../../features/settings/index.js';
import type { FieldVM, OptionVM, SettingsSectionVM } from '../../../themes/default/index.js';

type Kind = 'boolean' | 'integer' | 'choice' | 'text';

interface SettingField {
  readonly key: keyof SiteSettings;
  readonly kind: Kind;
  readonly label: string;
  readonly hint?: string;
  readonly suffix?: string;
  readonly options?: readonly OptionVM[];
  /** A choice whose values are numbers (levels of threading). */
  readonly numeric?: boolean;
}

const depthOptions: OptionVM[] = Array.from({ length: 9 }, (_, i) => ({ value: String(i + 2), label: `${i + 2} levels deep` }));

const WORDS_HINT =
  'One word or phrase per line. It is matched inside the comment’s text, author name, URL, e-mail, IP address and browser’s user agent string, and inside words: “press” matches “WordPress”.';

/** The screen's sections, in WordPress's order, then Quire's own defences. */
export const DISCUSSION_SECTIONS: readonly { readonly heading: string; readonly fields: readonly SettingField[] }[] = [
  {
    heading: 'Other comment settings',
    fields: [
      { key: 'commentRequireNameEmail', kind: 'boolean', label: 'Comment author must fill out name and email' },
      { key: 'commentRequireRegistration', kind: 'boolean', label: 'Users must be registered and logged in to comment' },
      { key: 'commentCloseAfterDays', kind: 'integer', label: 'Automatically close comments on posts older than', suffix: 'days', hint: '0: never close them.' },
      { key: 'commentThreadDepth', kind: 'choice', numeric: true, label: 'Enable threaded (nested) comments', options: depthOptions },
      { key: 'commentsPerPage', kind: 'integer', label: 'Break comments into pages with', suffix: 'top level comments per page', hint: '0: all comments on the post’s page.' },
      {
        key: 'commentDefaultPage', kind: 'choice', label: 'Page displayed by default',
        options: [{ value: 'newest', label: 'last page' }, { value: 'oldest', label: 'first page' }],
      },
      {
        key: 'commentOrder', kind: 'choice', label: 'Comments should be displayed with the',
        options: [{ value: 'oldest', label: 'older comments at the top of each page' }, { value: 'newest', label: 'newer comments at the top of each page' }],
      },
    ],
  },
  {
    heading: 'Email me whenever',
    fields: [
      { key: 'commentNotifyAuthor', kind: 'boolean', label: 'Anyone posts a comment' },
      { key: 'commentNotifyModeration', kind: 'boolean', label: 'A comment is held for moderation' },
    ],
  },
  {
    heading: 'Before a comment appears',
    fields: [
      { key: 'commentManualApproval', kind: 'boolean', label: 'Comment must be manually approved' },
      { key: 'commentPreviouslyApproved', kind: 'boolean', label: 'Comment author must have a previously approved comment' },
      {
        key: 'commentTrustVerifiedIdentities', kind: 'boolean', label: 'Trust verified identities',
        hint: 'A signed-in commenter whose e-mail address is verified (by their provider, or by this site’s confirmation link) counts as having a previously approved comment.',
      },
    ],
  },
  {
    heading: 'Comment Moderation',
    fields: [
      { key: 'commentMaxLinks', kind: 'integer', label: 'Hold a comment in the queue if it contains', suffix: 'or more links', hint: 'A common characteristic of comment spam is a large number of hyperlinks. 0: never hold for links.' },
      { key: 'commentModerationKeys', kind: 'text', label: 'When a comment contains any of these words, it will be held in the moderation queue', hint: WORDS_HINT },
    ],
  },
  {
    heading: 'Disallowed Comment Keys',
    fields: [{ key: 'commentDisallowedKeys', kind: 'text', label: 'When a comment contains any of these words, it will be put in the Trash', hint: WORDS_HINT }],
  },
  {
    heading: 'Spam and flood protection',
    fields: [
      { key: 'commentFloodSeconds', kind: 'integer', label: 'Seconds between two comments from one address or e-mail', suffix: 'seconds', hint: '0: no flood check.' },
      { key: 'commentMinFillSeconds', kind: 'integer', label: 'A comment form must be open at least', suffix: 'seconds before it is sent', hint: 'Programs fill forms at once. 0: no check.' },
      { key: 'commentIpLimitPerHour', kind: 'integer', label: 'Comments one IP address may send in an hour', suffix: 'comments' },
      { key: 'commentSiteLimitPerMinute', kind: 'integer', label: 'Comments the whole site accepts in a minute', suffix: 'comments' },
      { key: 'commentSpamThreshold', kind: 'integer', label: 'A comment whose spam score reaches', suffix: 'is spam', hint: 'Scored here, from links, known spam words, a new identity, posting speed and repeated websites. Lower is stricter.' },
    ],
  },
  {
    heading: 'Avatars',
    fields: [
      {
        key: 'avatarSource', kind: 'choice', label: 'Avatar display',
        options: [
          { value: 'local', label: 'Initials drawn by this site (no request to another site)' },
          { value: 'gravatar', label: 'Gravatar (images from gravatar.com, found by a hash of the e-mail address)' },
        ],
      },
    ],
  },
];

const ALL_FIELDS = DISCUSSION_SECTIONS.flatMap((s) => s.fields);

/** The form's values as typed: text for fields, a tick for boxes. */
export type TypedDiscussion = Readonly<Record<string, string | boolean>>;

export function typedFromSettings(settings: SiteSettings): TypedDiscussion {
  return Object.fromEntries(ALL_FIELDS.map((f) => {
    const value = settings[f.key];
    return [f.key, typeof value === 'boolean' ? value : String(value)];
  }));
}

/** A box is ticked when the form sent its "1" (its hidden "0" always comes along). */
const isTicked = (raw: unknown) => [raw].flat().includes('1');

/**
 * Reads the posted form: what was typed (to show again) and the change to ask for. A whole number is sent as a
 * number; anything else is passed on as typed, so the settings' own validation names what is wrong with it.
 * Fields the form did not send are left as they are.
 */
export function readDiscussionForm(body: Readonly<Record<string, unknown>>): { typed: TypedDiscussion; change: Record<string, unknown> } {
  const typed: Record<string, string | boolean> = {};
  const change: Record<string, unknown> = {};
  for (const field of ALL_FIELDS) {
    const raw = body[field.key];
    if (raw === undefined) continue;
    if (field.kind === 'boolean') {
      typed[field.key] = change[field.key] = isTicked(raw);
      continue;
    }
    const text = typeof raw === 'string' ? raw : '';
    typed[field.key] = text;
    const trimmed = text.trim();
    if (field.kind === 'integer' || field.numeric) change[field.key] = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : text;
    // Browsers send line breaks as CRLF; the word lists are stored one word a line with \n.
    else change[field.key] = field.kind === 'text' ? text.replace(/\r\n?/g, '\n') : text;
  }
  return { typed, change };
}

/** "must be a whole number…" (the settings' words) as a sentence beside the field. */
function sentence(problem: string): string {
  return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`;
}

export function presentDiscussionSections(
  typed: TypedDiscussion, fallback: TypedDiscussion, errors: Readonly<Record<string, string>>,
): SettingsSectionVM[] {
  return DISCUSSION_SECTIONS.map((section) => ({
    heading: section.heading,
    fields: section.fields.map((f): FieldVM => {
      const value = typed[f.key] ?? fallback[f.key] ?? '';
      const error = errors[f.key] === undefined ? undefined : sentence(errors[f.key] as string);
      const base = { name: f.key, label: f.label, ...(f.hint ? { hint: f.hint } : {}), error };
      if (f.kind === 'boolean') return { ...base, control: 'checkbox', checked: value === true };
      if (f.kind === 'text') return { ...base, control: 'textarea', value: String(value), rows: 6 };
      if (f.kind === 'choice') return { ...base, control: 'select', value: String(value), options: f.options ?? [] };
      return { ...base, control: 'number', value: String(value), ...(f.suffix ? { suffix: f.suffix } : {}) };
    }),
  }));
}

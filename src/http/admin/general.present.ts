// Settings → General as a form: Site Title, Tagline, the Site Address (set by the server), Timezone, Date and Time
// Formats (WordPress's choices and Custom, each with an example written by the site's own formatter), Site Language.
import type { SiteSettings } from '../../features/settings/index.js';
import { formatPhpDate } from '../../kernel/php-date.js';
import type { FieldVM, OptionVM, SiteSettingsSectionVM } from '../../../themes/default/index.js';

type Typed = Readonly<Record<string, string | boolean>>;

export const DATE_FORMATS = ['F j, Y', 'Y-m-d', 'm/d/Y', 'd/m/Y'] as const;
export const TIME_FORMATS = ['g:i a', 'g:i A', 'H:i'] as const;
const CUSTOM = 'custom';

/** A short list, as a site's readers see it; only the pages' lang attribute and dates' month names change. */
export const LANGUAGES: readonly OptionVM[] = [
  { value: 'en', label: 'English (United States)' }, { value: 'en-GB', label: 'English (UK)' }, { value: 'fr', label: 'Français' },
  { value: 'de', label: 'Deutsch' }, { value: 'es', label: 'Español' }, { value: 'it', label: 'Italiano' },
  { value: 'nl', label: 'Nederlands' }, { value: 'pt-BR', label: 'Português do Brasil' }, { value: 'pt-PT', label: 'Português' },
  { value: 'pl', label: 'Polski' }, { value: 'sv', label: 'Svenska' }, { value: 'ja', label: '日本語' }, { value: 'zh-CN', label: '简体中文' },
];

let zones: readonly string[] | undefined;
/** UTC, then every IANA zone this runtime knows (Intl's list leaves UTC out). */
function timeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The radio's value and the custom box's text for a stored format. */
function formatChoice(stored: string, presets: readonly string[]): { choice: string; custom: string } {
  return presets.includes(stored) ? { choice: stored, custom: stored } : { choice: CUSTOM, custom: stored };
}

/** A format's radio and its Custom box: a preset, or the custom text (sent as typed, the settings judge it). */
function readFormat(body: Readonly<Record<string, unknown>>, name: string, presets: readonly string[]): { choice: string; custom: string; value: string | null } {
  const choice = text(body[name]);
  const custom = text(body[`${name}Custom`]);
  if (choice === CUSTOM) return { choice, custom, value: custom };
  return { choice, custom, value: presets.includes(choice) ? choice : null };
}

export function readGeneralForm(body: Readonly<Record<string, unknown>>): { typed: Typed; change: Record<string, unknown>; errors: Record<string, string> } {
  const date = readFormat(body, 'dateFormat', DATE_FORMATS);
  const time = readFormat(body, 'timeFormat', TIME_FORMATS);
  const language = text(body.language);
  const typed = {
    title: text(body.title), tagline: text(body.tagline), timezone: text(body.timezone), language,
    dateFormat: date.choice, dateFormatCustom: date.custom, timeFormat: time.choice, timeFormatCustom: time.custom,
  };
  const errors: Record<string, string> = {};
  if (date.value === null) errors.dateFormat = 'Choose one of the date formats, or Custom.';
  if (time.value === null) errors.timeFormat = 'Choose one of the time formats, or Custom.';
  if (!LANGUAGES.some((l) => l.value === language)) errors.language = 'Choose a language from the list.';
  const change = {
    title: typed.title.trim(), tagline: typed.tagline.trim(), timezone: typed.timezone, language, dateFormat: date.value, timeFormat: time.value,
  };
  return { typed, change, errors };
}

/** "Preview: March 5, 2026" for a custom format; the problem instead when it prints nothing of the date. */
function preview(format: string, now: Date, current: SiteSettings): string {
  const written = format.trim() ? formatPhpDate(format, now, { timeZone: current.timezone, language: current.language }) : '';
  return `Preview: ${written || '(nothing)'}. Letters as in WordPress (PHP’s date()): d j l D F M m n Y y a A g G h H i s T c r U…; a backslash writes the next letter as it is.`;
}

function formatFields(
  name: 'dateFormat' | 'timeFormat', label: string, presets: readonly string[], typed: Typed | null, current: SiteSettings,
  errors: Readonly<Record<string, string>>, now: Date,
): FieldVM[] {
  const stored = formatChoice(current[name], presets);
  const choice = typed ? String(typed[name] ?? '') : stored.choice;
  const custom = typed ? String(typed[`${name}Custom`] ?? '') : stored.custom;
  const example = (format: string) => formatPhpDate(format, now, { timeZone: current.timezone, language: current.language });
  return [
    {
      control: 'radios', name, label, value: choice, error: errors[name],
      options: [...presets.map((f) => ({ value: f, label: `${example(f)} (${f})` })), { value: CUSTOM, label: 'Custom (below)' }],
    },
    { control: 'text', name: `${name}Custom`, label: `Custom ${label.toLowerCase()}`, value: custom, hint: preview(custom, now, current) },
  ];
}

export function presentGeneral(
  current: SiteSettings, typed: Typed | null, errors: Readonly<Record<string, string>>, publicUrl: string, now: Date,
): SiteSettingsSectionVM[] {
  const value = (key: 'title' | 'tagline' | 'timezone' | 'language') => (typed ? String(typed[key] ?? '') : current[key]);
  const zoneOptions = [...new Set([...timeZones(), current.timezone])].map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  const languageOptions = LANGUAGES.some((l) => l.value === current.language) ? LANGUAGES : [...LANGUAGES, { value: current.language, label: current.language }];
  const utc = formatPhpDate('Y-m-d H:i:s', now, { timeZone: 'UTC' });
  const local = formatPhpDate('Y-m-d H:i:s', now, { timeZone: current.timezone });
  return [
    {
      heading: 'Site',
      facts: [{
        id: 'siteurl', label: 'Site Address (URL)', value: publicUrl,
        note: 'Set by the server: the QUIRE_URL environment variable. Change it there and restart Quire; every link the site makes starts with it.',
      }],
      fields: [
        { control: 'text', name: 'title', label: 'Site Title', value: value('title'), error: errors.title },
        { control: 'text', name: 'tagline', label: 'Tagline', value: value('tagline'), error: errors.tagline, hint: 'In a few words, explain what this site is about.' },
      ],
    },
    {
      heading: 'Date and time',
      fields: [
        {
          control: 'select', name: 'timezone', label: 'Timezone', value: value('timezone'), options: zoneOptions, error: errors.timezone,
          hint: `Choose a city in the same timezone as you. Universal time is ${utc}. Local time is ${local}.`,
        },
        ...formatFields('dateFormat', 'Date Format', DATE_FORMATS, typed, current, errors, now),
        ...formatFields('timeFormat', 'Time Format', TIME_FORMATS, typed, current, errors, now),
      ],
    },
    {
      heading: 'Language',
      fields: [{
        control: 'select', name: 'language', label: 'Site Language', value: value('language'), options: languageOptions, error: errors.language,
        hint: 'Only the pages’ lang attribute changes, and the names of months and days in dates: Quire’s own words stay in English.',
      }],
    },
  ];
}

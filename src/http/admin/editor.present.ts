// The editor form: reading what was typed, turning it into a save (status from the button pressed and the date),
// and the values a stored post shows.
import type { Post, PostChanges, PostStatus, PostType } from '../../features/posts/index.js';
import type { Term } from '../../features/taxonomy/index.js';
import { instantOfLocalDateTime, localDateTimeOf } from '../../kernel/time.js';
import type { EditorButtonVM, EditorValuesVM } from '../../../themes/default/index.js';

type Fields = Readonly<Record<string, unknown>>;

export interface EditorForm {
  readonly values: EditorValuesVM;
  readonly categoryIds: readonly number[];
  /** Which button was pressed: draft, pending, publish, schedule, update, preview, add-category. */
  readonly action: string;
  readonly newCategory: { readonly name: string; readonly parent: string };
}

/** A field's text: the last value when a name came twice (a checkbox after its hidden default). */
export function textOf(value: unknown): string {
  const last = Array.isArray(value) ? value.at(-1) : value;
  return typeof last === 'string' ? last : '';
}

export function idsOf(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number);
}

export function readEditorForm(body: Fields): EditorForm {
  return {
    values: {
      title: textOf(body.title),
      slug: textOf(body.slug).trim(),
      content: textOf(body.content),
      excerpt: textOf(body.excerpt),
      tags: textOf(body.tags),
      featuredMedia: textOf(body.featured_media).trim(),
      publishedAt: textOf(body.published_at).trim(),
      visibility: textOf(body.visibility) === 'private' ? 'private' : 'public',
      commentsOpen: textOf(body.comment_status) === 'open',
      author: textOf(body.author),
    },
    categoryIds: idsOf(body.categories),
    action: textOf(body.action),
    newCategory: { name: textOf(body.new_category_name), parent: textOf(body.new_category_parent) },
  };
}

const PUBLIC_STATUSES: readonly PostStatus[] = ['published', 'scheduled', 'private'];

export function blankValues(type: PostType, authorId: number): EditorValuesVM {
  return {
    title: '', slug: '', content: '', excerpt: '', tags: '', featuredMedia: '', publishedAt: '', visibility: 'public',
    commentsOpen: type === 'post', author: String(authorId),
  };
}

/** The minute the date field shows for a stored date ('' for none). */
function shownDate(iso: string | null, timeZone: string): string {
  return iso ? localDateTimeOf(new Date(iso), timeZone).slice(0, 16) : '';
}

export function valuesOfPost(post: Post, tags: readonly Term[], timeZone: string): EditorValuesVM {
  return {
    title: post.title,
    slug: post.slug,
    content: post.source,
    excerpt: post.excerpt,
    tags: tags.map((t) => t.name).join(', '),
    featuredMedia: post.featuredMediaId === null ? '' : String(post.featuredMediaId),
    publishedAt: shownDate(post.publishedAt, timeZone),
    visibility: post.status === 'private' ? 'private' : 'public',
    commentsOpen: post.commentStatus === 'open',
    author: String(post.authorId),
  };
}

const STATUS_LABELS: Readonly<Record<PostStatus, string>> = {
  draft: 'Draft', pending: 'Pending Review', scheduled: 'Scheduled', published: 'Published', private: 'Privately Published', trash: 'Trash',
};

export function statusLabel(status: PostStatus | undefined): string {
  return status ? STATUS_LABELS[status] : 'Draft';
}

/** True when the typed date is a real instant after `now` (the button then says Schedule). */
function isFuture(typed: string, now: Date, timeZone: string): boolean {
  const instant = instantOfLocalDateTime(typed, timeZone);
  return instant !== undefined && instant.getTime() > now.getTime();
}

/** WordPress's Publish box buttons: what saving does depends on the status, the role and the date. */
export function editorButtons(status: PostStatus | undefined, canPublish: boolean, typedDate: string, now: Date, timeZone: string): EditorButtonVM[] {
  if (status && PUBLIC_STATUSES.includes(status)) {
    return [
      ...(canPublish ? [{ value: 'draft', label: 'Switch to Draft', primary: false }] : []),
      { value: 'update', label: 'Update', primary: true },
    ];
  }
  const save = status === 'pending' ? { value: 'pending', label: 'Save as Pending', primary: !canPublish } : { value: 'draft', label: 'Save Draft', primary: false };
  if (!canPublish) return status === 'pending' ? [save] : [save, { value: 'pending', label: 'Submit for Review', primary: true }];
  const publish = isFuture(typedDate, now, timeZone) ? { value: 'schedule', label: 'Schedule' } : { value: 'publish', label: 'Publish' };
  return [save, { ...publish, primary: true }];
}

export interface SaveDecision {
  readonly status: PostStatus;
  /** ISO instant to store, or undefined to leave the date as it is (now, for a post going public). */
  readonly publishedAt: string | undefined;
  readonly errors: Readonly<Record<string, string>>;
}

/** The status and date a save asks for, from the button, the visibility and the typed date. */
export function decideSave(form: EditorForm, before: Post | undefined, now: Date, timeZone: string): SaveDecision {
  const errors: Record<string, string> = {};
  const typed = form.values.publishedAt;
  const instant = typed ? instantOfLocalDateTime(typed, timeZone) : undefined;
  if (typed && !instant) errors.published_at = 'Enter a real date and time, like 2026-03-14 09:30.';
  const unchanged = before !== undefined && typed === shownDate(before.publishedAt, timeZone);
  const publishedAt = instant && !unchanged ? instant.toISOString() : undefined;
  const goingOut = (): PostStatus => {
    if (form.values.visibility === 'private') return 'private';
    const when = instant ?? (before?.publishedAt ? new Date(before.publishedAt) : undefined);
    return when && when.getTime() > now.getTime() ? 'scheduled' : 'published';
  };
  let status: PostStatus;
  switch (form.action) {
    case 'draft': status = 'draft'; break;
    case 'pending': status = 'pending'; break;
    case 'schedule':
      if (!typed) errors.published_at = 'Choose the date and time to publish on.';
      status = goingOut();
      break;
    case 'publish': status = goingOut(); break;
    case 'update': status = before && PUBLIC_STATUSES.includes(before.status) ? goingOut() : (before?.status ?? 'draft'); break;
    default:
      errors.status = 'Choose Save Draft, Submit for Review, Publish or Update.';
      status = before?.status ?? 'draft';
  }
  return { status, publishedAt, errors };
}

/** The fields of a save (the author and the terms are the caller's); an empty slug keeps (or makes) one. */
export function postChangesOf(form: EditorForm, decision: SaveDecision): PostChanges {
  const v = form.values;
  return {
    title: v.title, source: v.content, excerpt: v.excerpt, status: decision.status, publishedAt: decision.publishedAt,
    commentStatus: v.commentsOpen ? 'open' : 'closed', featuredMediaId: v.featuredMedia === '' ? null : Number(v.featuredMedia),
    ...(v.slug === '' ? {} : { slug: v.slug, onSlugTaken: 'refuse' as const }),
  };
}

/** The tag names typed in the comma-separated field (no empty ones, no repeats). */
export function tagNamesOf(typed: string): string[] {
  return [...new Set(typed.split(',').map((name) => name.trim()).filter(Boolean))];
}

/** Form field names of the posts feature's field errors. */
const FIELD_NAMES: Readonly<Record<string, string>> = { source: 'content', publishedAt: 'published_at' };

export function formFieldErrors(fields: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (typeof fields !== 'object' || fields === null) return errors;
  for (const [name, message] of Object.entries(fields)) {
    if (typeof message === 'string') errors[FIELD_NAMES[name] ?? name] = message;
  }
  return errors;
}

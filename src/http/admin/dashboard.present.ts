// The Dashboard's view: At a Glance counts as links, recent comments with their quick buttons, your drafts, and the
// Quick Draft form (typed values and errors kept).
import { excerptOf, htmlToText } from '../../features/content/index.js';
import type { ModerationComment } from '../../features/comments/index.js';
import type { PostCard } from '../../features/posts/index.js';
import type { DashboardCommentVM, FieldVM } from '../../../themes/default/index.js';
import type { LinkVM } from '../../../themes/view-models.js';
import { ADMIN_PATHS, formatWhen } from './present.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface GlanceCounts {
  readonly posts?: ReadonlyMap<string, number>;
  readonly pages?: ReadonlyMap<string, number>;
  readonly comments?: { readonly pending: number; readonly approved: number };
}

/** Each count links to the list it counts; only what this person may open is counted at all. */
export function presentGlance(counts: GlanceCounts): LinkVM[] {
  const links: LinkVM[] = [];
  const posts = counts.posts;
  if (posts) {
    links.push({ href: `${ADMIN_PATHS.posts}?post_status=published`, label: plural(posts.get('published') ?? 0, 'Post published', 'Posts published') });
    links.push({ href: `${ADMIN_PATHS.posts}?post_status=draft`, label: plural(posts.get('draft') ?? 0, 'Draft', 'Drafts') });
    links.push({ href: `${ADMIN_PATHS.posts}?post_status=pending`, label: plural(posts.get('pending') ?? 0, 'Post pending review', 'Posts pending review') });
    links.push({ href: `${ADMIN_PATHS.posts}?post_status=scheduled`, label: plural(posts.get('scheduled') ?? 0, 'Post scheduled', 'Posts scheduled') });
  }
  if (counts.pages) links.push({ href: ADMIN_PATHS.pages, label: plural(counts.pages.get('published') ?? 0, 'Page', 'Pages') });
  if (counts.comments) {
    links.push({ href: ADMIN_PATHS.comments, label: plural(counts.comments.pending, 'Comment in moderation', 'Comments in moderation') });
    links.push({ href: `${ADMIN_PATHS.comments}?status=approved`, label: plural(counts.comments.approved, 'Comment approved', 'Comments approved') });
  }
  links.push({ href: '/', label: 'View the site' });
  return links;
}

/** The newest comments of both lists, newest first, at most `limit`; pending ones get Approve and Spam buttons. */
export function presentRecentComments(lists: readonly (readonly ModerationComment[])[], limit: number): DashboardCommentVM[] {
  return lists
    .flat()
    .sort((a, b) => (a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1))
    .slice(0, limit)
    .map((c) => ({
      id: c.id,
      authorName: c.authorName,
      post: { href: `/?p=${c.postId}`, label: c.postTitle || '(no title)' },
      excerpt: excerptOf(htmlToText(c.contentHtml), 20),
      statusLabel: c.status === 'pending' ? 'Pending' : null,
      actions: c.status === 'pending'
        ? [{ href: `${ADMIN_PATHS.comments}/${c.id}/approve`, label: 'Approve' }, { href: `${ADMIN_PATHS.comments}/${c.id}/spam`, label: 'Spam' }]
        : [],
    }));
}

export function presentDrafts(drafts: readonly PostCard[], language: string, timeZone: string) {
  return drafts.map((d) => ({
    href: `${ADMIN_PATHS.posts}/${d.id}/edit`,
    label: d.title || '(no title)',
    dateIso: d.updatedAt,
    dateText: formatWhen(d.updatedAt, language, timeZone),
  }));
}

export interface QuickDraftValues {
  readonly title: string;
  readonly content: string;
}

export function quickDraftFields(values: QuickDraftValues, errors: Readonly<Record<string, string>>): FieldVM[] {
  return [
    { control: 'text', name: 'title', label: 'Title', value: values.title, required: true, error: errors.title },
    { control: 'textarea', name: 'content', label: 'Content', value: values.content, rows: 4, error: errors.content, hint: 'What’s on your mind? (Markdown)' },
  ];
}

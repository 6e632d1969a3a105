// `quire export wordpress`: the whole site as WXR 1.2, streamed to a writable a page of posts at a time.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { slugify } from '../../kernel/slug.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { mediaUrl } from '../media/index.js';
import { type PermalinkStructure, postPermalinkPath } from '../posts/index.js';
import type { SettingsService, SiteSettings } from '../settings/index.js';
import * as repo from './wxr-export.repo.js';
import { htmlOfWordPressText } from './wxr.js';
import { CHANNEL_TAIL, type CommentOut, type ItemOut, type TermOut, authorXml, channelHead, itemXml, termXml } from './wxr-writer.js';

export interface WxrExportDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsService;
  /** The site's address: links, GUIDs and the base URLs of the export. */
  readonly publicUrl: string;
}

export interface ExportSummary {
  readonly authors: number;
  readonly terms: number;
  readonly posts: number;
  readonly media: number;
  readonly comments: number;
}

const PAGE = 200;

/** Terms with every category's parent before it, as WordPress's exporter orders them (its importer needs it). */
export function parentsFirst<T extends { readonly id: number; readonly parentId: number | null }>(terms: readonly T[]): T[] {
  const byId = new Map(terms.map((t) => [t.id, t]));
  const done = new Set<number>();
  const ordered: T[] = [];
  const visit = (term: T, depth: number) => {
    if (done.has(term.id)) return;
    done.add(term.id);
    const parent = term.parentId === null ? undefined : byId.get(term.parentId);
    if (parent && depth < 100) visit(parent, depth + 1);
    ordered.push(term);
  };
  for (const term of terms) visit(term, 0);
  return ordered;
}

interface ExportContext {
  readonly base: string;
  readonly timeZone: string;
  readonly logins: ReadonlyMap<number, string>;
  readonly terms: ReadonlyMap<number, repo.TermRow>;
  readonly pages: ReadonlyMap<number, { slug: string; parentId: number | null }>;
  readonly mediaOffset: number;
  readonly permalinkStructure: PermalinkStructure;
}

function pagePath(ctx: ExportContext, id: number): string {
  const slugs: string[] = [];
  for (let next: number | null = id; next !== null && slugs.length < 20; ) {
    const page = ctx.pages.get(next);
    if (!page) break;
    slugs.unshift(encodeURIComponent(page.slug));
    next = page.parentId;
  }
  return `/${slugs.join('/')}/`;
}

function linkOf(ctx: ExportContext, post: repo.PostRow): string {
  if (post.status !== 'published') return `${ctx.base}/?${post.type === 'page' ? 'page_id' : 'p'}=${post.id}`;
  return ctx.base + (post.type === 'page' ? pagePath(ctx, post.id) : postPermalinkPath(post, ctx.permalinkStructure));
}

/**
 * WordPress stores a comment's text and adds the paragraphs when it shows it: an imported comment goes back as its
 * text (which, with paragraphs, is what we show), a Markdown one as the HTML it renders to.
 */
function commentOut(ctx: ExportContext, comment: repo.CommentRow): CommentOut {
  const isWordPressText = htmlOfWordPressText(comment.source, 'comment') === comment.contentHtml;
  return {
    ...comment,
    content: isWordPressText ? comment.source : comment.contentHtml,
    createdLocal: localDateTimeOf(new Date(comment.createdAt), ctx.timeZone),
  };
}

function postItem(ctx: ExportContext, post: repo.PostRow, termIds: readonly number[], comments: readonly CommentOut[]): ItemOut {
  const terms = termIds.flatMap((id) => ctx.terms.get(id) ?? []);
  return {
    id: post.id, title: post.title, link: linkOf(ctx, post), creator: ctx.logins.get(post.authorId) ?? '',
    guid: post.guid ?? `${ctx.base}/?p=${post.id}`,
    // WordPress takes HTML: a Markdown post goes as what it renders to; an HTML one as written.
    content: post.format === 'html' ? post.source : post.contentHtml,
    excerpt: post.excerpt, publishedAt: post.publishedAt,
    localDate: post.publishedLocal ?? localDateTimeOf(new Date(post.createdAt), ctx.timeZone),
    modifiedAt: post.updatedAt, modifiedLocal: localDateTimeOf(new Date(post.updatedAt), ctx.timeZone),
    commentStatus: post.commentStatus, slug: post.slug, status: post.status, parentId: post.parentId ?? 0,
    menuOrder: post.menuOrder, type: post.type, terms,
    meta: post.featuredMediaId === null ? [] : [['_thumbnail_id', String(post.featuredMediaId + ctx.mediaOffset)]],
    comments,
  };
}

function mediaItem(ctx: ExportContext, media: repo.MediaRow): ItemOut {
  const url = mediaUrl(media, ctx.base);
  return {
    id: media.id + ctx.mediaOffset, title: media.title, link: url, creator: ctx.logins.get(media.authorId) ?? '', guid: media.guid ?? url,
    content: media.description, excerpt: media.caption, publishedAt: media.createdAt,
    localDate: localDateTimeOf(new Date(media.createdAt), ctx.timeZone),
    modifiedAt: media.updatedAt, modifiedLocal: localDateTimeOf(new Date(media.updatedAt), ctx.timeZone),
    commentStatus: 'closed', slug: slugify(media.title) || `media-${media.id}`, status: 'inherit', parentId: media.postId ?? 0,
    menuOrder: 0, type: 'attachment', terms: [], attachmentUrl: url,
    meta: media.altText === '' ? [] : [['_wp_attachment_image_alt', media.altText]],
    comments: [],
  };
}

async function loadContext(deps: WxrExportDeps, { timezone: timeZone, permalinkStructure }: SiteSettings) {
  const { kysely } = deps.db;
  const authors = await repo.listAuthors(kysely);
  const terms = await repo.listTerms(kysely);
  const ctx: ExportContext = {
    base: deps.publicUrl.replace(/\/+$/, ''), timeZone,
    logins: new Map(authors.map((a) => [a.id, a.login])),
    terms: new Map(terms.map((t) => [t.id, t])),
    pages: new Map((await repo.listPageLinks(kysely)).map((p) => [p.id, p])),
    mediaOffset: await repo.mediaIdOffset(kysely),
    permalinkStructure,
  };
  return { ctx, authors, terms };
}

function termOut(ctx: ExportContext, term: repo.TermRow): TermOut {
  const parent = term.parentId === null ? undefined : ctx.terms.get(term.parentId);
  return { ...term, parentSlug: parent?.slug ?? '' };
}

type Write = (text: string) => Promise<void>;

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

async function writePosts(db: Db, ctx: ExportContext, write: Write): Promise<{ posts: number; comments: number }> {
  const counts = { posts: 0, comments: 0 };
  for (let after = 0; ; ) {
    const posts = await repo.listPostsAfter(db.kysely, after, PAGE);
    if (posts.length === 0) return counts;
    const ids = posts.map((p) => p.id);
    const termsOf = groupBy(await repo.listPostTerms(db.kysely, ids), (row) => row.postId);
    const commentsOf = groupBy(await repo.listComments(db.kysely, ids), (row) => row.postId);
    for (const post of posts) {
      const comments = (commentsOf.get(post.id) ?? []).map((c) => commentOut(ctx, c));
      await write(itemXml(postItem(ctx, post, (termsOf.get(post.id) ?? []).map((t) => t.termId), comments)));
      counts.comments += comments.length;
    }
    counts.posts += posts.length;
    after = ids.at(-1) ?? after;
  }
}

async function writeMedia(db: Db, ctx: ExportContext, write: Write): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const media = await repo.listMediaAfter(db.kysely, after, PAGE);
    if (media.length === 0) return count;
    for (const item of media) await write(itemXml(mediaItem(ctx, item)));
    count += media.length;
    after = media.at(-1)?.id ?? after;
  }
}

export async function exportWxr(deps: WxrExportDeps, out: Writable): Promise<ExportSummary> {
  const settings = await deps.settings.get();
  const { ctx, authors, terms } = await loadContext(deps, settings);
  // Waits when the reader is slower than the database, so memory holds one page of posts, not the site.
  const write: Write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(channelHead({ title: settings.title, link: ctx.base, description: settings.tagline, language: settings.language, now: deps.clock.now() }));
  for (const author of authors) await write(authorXml(author));
  const ordered = parentsFirst(terms);
  for (const term of ordered.filter((t) => t.taxonomy === 'category')) await write(termXml(termOut(ctx, term)));
  for (const term of ordered.filter((t) => t.taxonomy === 'post_tag')) await write(termXml(termOut(ctx, term)));
  const { posts, comments } = await writePosts(deps.db, ctx, write);
  const media = await writeMedia(deps.db, ctx, write);
  await write(CHANNEL_TAIL);
  return { authors: authors.length, terms: terms.length, posts, comments, media };
}

// Imports a WXR item: a post or page (with its comments, batched) or an attachment; anything else is skipped.
import { insertJob } from '../../db/outbox.js';
import type { CommentStatus, PostStatus, PostType } from '../../db/tables.js';
import { firstFreeSlug } from '../../kernel/slug.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { htmlToText } from '../content/index.js';
import { POST_LIMITS, postPermalinkPath, scheduledPublishJob } from '../posts/index.js';
import { htmlTrustOf } from '../users/index.js';
import { type ImportRun, authorOf, termIdsOf } from './wxr-import-run.js';
import * as repo from './wxr-import.repo.js';
import {
  COMMENT_STATUSES, type WxrComment, type WxrItem, fileNameOf, htmlOfWordPressText, instantOf, legacyPathOf, mimeTypeOf, oldPathKey, postStatusOf,
  slugBaseOf, wpLocalDate,
} from './wxr.js';

interface PendingComment {
  readonly comment: WxrComment;
  readonly postId: number;
  readonly status: CommentStatus;
}

const DATED: readonly PostStatus[] = ['published', 'scheduled', 'private', 'trash'];

export async function importItem(run: ImportRun, item: WxrItem, buffer: PendingComment[]): Promise<void> {
  if (item.id === 0) {
    run.skip('posts', 'items without a wp:post_id');
  } else if (item.type === 'post' || item.type === 'page') {
    const postId = await importPost(run, item, item.type);
    if (postId !== undefined) await queueComments(run, item, postId, buffer);
    else skipComments(run, item, `comments of an item that was not imported`);
    return;
  } else if (item.type === 'attachment') {
    await importAttachment(run, item);
  } else {
    run.skip('posts', `"${item.type.slice(0, 40)}" items (Quire has posts, pages and media only)`, item.id);
  }
  skipComments(run, item, `comments on a ${item.type === 'attachment' ? 'media item' : 'skipped item'} (Quire has comments on posts and pages only)`);
}

function skipComments(run: ImportRun, item: WxrItem, reason: string): void {
  for (const comment of item.comments) run.skip('comments', reason, comment.id);
}

async function importPost(run: ImportRun, item: WxrItem, type: PostType): Promise<number | undefined> {
  const status = postStatusOf(item);
  const refusal = status === undefined
    ? `items with the status "${item.status.slice(0, 20)}" (auto-drafts and revisions are not imported)`
    : item.content.length > POST_LIMITS.source ? 'items longer than 1,000,000 characters' : undefined;
  if (status === undefined || refusal !== undefined) {
    run.skip('posts', refusal ?? '', item.id);
    return undefined;
  }
  const earlier = run.posts.has(item.id) ? undefined : (await run.legacyIds('post', [item.id])).get(item.id);
  const known = run.posts.get(item.id) ?? (earlier === undefined ? undefined : await sameImportedPost(run, item, earlier));
  if (known !== undefined) {
    run.counts.posts.existing += 1;
    run.posts.set(item.id, known);
    return known;
  }
  if (item.password !== '' && status === 'private') run.note('posts', 'password-protected items, imported as private (Quire has no post passwords)', item.id);
  const id = await insertPostOf(run, item, type, status);
  run.counts.posts.imported += 1;
  run.posts.set(item.id, id);
  if (earlier === undefined) await repo.insertLegacyIds(run.ctx.tx, 'post', [[item.id, id]]);
  else run.note('posts', 'items whose WordPress id an import of another site used before (their GUIDs differ): imported, but their /?p= links name the other site’s post', item.id);
  return id;
}

/**
 * The post an earlier import made of this item. legacy_ids knows one WordPress site's ids: when its post has another
 * GUID, the item is another site's post with the same id, recognised again (a re-import) by its GUID alone.
 */
async function sameImportedPost(run: ImportRun, item: WxrItem, earlier: number): Promise<number | undefined> {
  const guid = await repo.findPostGuid(run.ctx.tx, earlier);
  if (guid === undefined || guid === null || item.guid === '' || guid === item.guid) return earlier;
  return repo.findPostIdByGuid(run.ctx.tx, item.guid);
}

/** The post's row (all but its id): dates, slug, sanitized HTML, and its parent when already imported. */
async function postRowOf(run: ImportRun, item: WxrItem, type: PostType, status: PostStatus): Promise<repo.NewPostRow> {
  const { tx, now, timeZone } = run.ctx;
  const authorId = await authorOf(run, item);
  const contentHtml = htmlOfWordPressText(item.content, htmlTrustOf(await run.roleOf(authorId)));
  // A draft's WordPress date is only when it was last saved: it has a publication date only when GMT says so.
  const published = DATED.includes(status) ? (instantOf(item.dateGmt, item.date, timeZone) ?? now) : instantOf(item.dateGmt, '', timeZone);
  const publishedAt = published?.toISOString() ?? null;
  const base = slugBaseOf(item.slug, item.title, `${type}-${item.id}`);
  return {
    type, title: (item.title || '(no title)').slice(0, POST_LIMITS.title), slug: firstFreeSlug(base, await repo.findTakenSlugs(tx, type, base)),
    format: 'html', source: item.content, contentHtml, excerpt: item.excerpt.trim().slice(0, POST_LIMITS.excerpt),
    searchText: htmlToText(contentHtml), status, publishedAt,
    // WordPress's own wall-clock date, so /YYYY/MM/DD/slug/ stays what it was whatever this site's time zone.
    publishedLocal: published ? (wpLocalDate(item.date) ?? localDateTimeOf(published, timeZone)) : null,
    authorId, parentId: item.parentId === 0 ? null : (run.posts.get(item.parentId) ?? null),
    menuOrder: item.menuOrder, commentStatus: item.commentStatus === 'open' ? 'open' : 'closed',
    createdAt: publishedAt ?? now.toISOString(),
    updatedAt: instantOf(item.modifiedGmt, '', timeZone)?.toISOString() ?? publishedAt ?? now.toISOString(),
    guid: item.guid || null, featuredMediaId: run.media.get(Number(item.meta.get('_thumbnail_id') ?? 0)) ?? null,
  };
}

async function insertPostOf(run: ImportRun, item: WxrItem, type: PostType, status: PostStatus): Promise<number> {
  const { tx, now } = run.ctx;
  const row = await postRowOf(run, item, type, status);
  const termIds = await termIdsOf(run, item);
  const id = await run.insertKeepingId('posts', item.id, (wanted) => repo.insertPost(tx, { id: wanted, ...row }, termIds));
  const thumbnail = Number(item.meta.get('_thumbnail_id') ?? 0);
  if (item.parentId !== 0 && row.parentId === null) run.postParents.push({ id, oldParent: item.parentId });
  if (thumbnail > 0 && row.featuredMediaId === null) run.featured.push({ id, oldMedia: thumbnail });
  if (status === 'scheduled' && row.publishedAt) await insertJob(tx, scheduledPublishJob(id, row.publishedAt, now.toISOString()));
  await rememberPath(run, item, id, type, { slug: row.slug, publishedLocal: row.publishedLocal ?? null });
  return id;
}

/** The old permalink, when the new one differs (pages are compared at the end, once their parents are known). */
async function rememberPath(run: ImportRun, item: WxrItem, id: number, type: PostType, post: { slug: string; publishedLocal: string | null }) {
  const path = legacyPathOf(item.link);
  if (path === undefined) return;
  if (type === 'page') run.pagePaths.push({ id, path });
  else if (path !== oldPathKey(postPermalinkPath({ ...post, id }, run.ctx.permalinkStructure))) await repo.insertLegacyPath(run.ctx.tx, path, id);
}

async function importAttachment(run: ImportRun, item: WxrItem): Promise<void> {
  const url = item.attachmentUrl || item.guid;
  if (url === '') return run.skip('media', 'attachments with no wp:attachment_url', item.id);
  const { tx, now, timeZone } = run.ctx;
  const known = run.media.get(item.id) ?? (await run.legacyIds('media', [item.id])).get(item.id);
  if (known !== undefined) {
    run.counts.media.existing += 1;
    run.media.set(item.id, known);
    return;
  }
  const postId = item.parentId === 0 ? null : (run.posts.get(item.parentId) ?? null);
  const createdAt = (instantOf(item.dateGmt, item.date, timeZone) ?? now).toISOString();
  const row = {
    authorId: await authorOf(run, item), postId, filePath: null, sourceUrl: url,
    originalName: fileNameOf(url).slice(0, 255), mimeType: mimeTypeOf(url), width: null, height: null,
    title: item.title, altText: item.meta.get('_wp_attachment_image_alt') ?? '', caption: item.excerpt, description: item.content,
    guid: item.guid || null, createdAt, updatedAt: createdAt,
  };
  const id = await run.insertKeepingId('media', item.id, (wanted) => repo.insertMedia(tx, { id: wanted, ...row }));
  if (item.parentId !== 0 && postId === null) run.mediaParents.push({ id, oldParent: item.parentId });
  run.counts.media.imported += 1;
  run.media.set(item.id, id);
  await repo.insertLegacyIds(tx, 'media', [[item.id, id]]);
}

async function queueComments(run: ImportRun, item: WxrItem, postId: number, buffer: PendingComment[]): Promise<void> {
  for (const comment of item.comments) {
    const status = COMMENT_STATUSES[comment.approved];
    if (comment.type !== '' && comment.type !== 'comment') {
      run.skip('comments', `${comment.type.slice(0, 20)}s (Quire has no pingbacks or trackbacks)`, comment.id);
    } else if (status === undefined) {
      run.skip('comments', `comments with the status "${comment.approved.slice(0, 20)}"`, comment.id);
    } else if (comment.id === 0) {
      run.skip('comments', 'comments without a wp:comment_id');
    } else {
      buffer.push({ comment, postId, status });
      if (buffer.length >= repo.BATCH) await flushComments(run, buffer);
    }
  }
}

/**
 * Writes the buffered comments: those already imported are counted, those whose WordPress id is free go in one
 * statement with their ids, the rest one by one with new ids. A reply whose parent is not written yet waits.
 */
export async function flushComments(run: ImportRun, buffer: PendingComment[]): Promise<void> {
  const batch = buffer.splice(0, buffer.length);
  if (batch.length === 0) return;
  const { tx } = run.ctx;
  const known = await sameImportedComments(run, batch);
  const existing = await repo.findTakenIds(tx, 'comments', [...new Set(batch.flatMap((p) => [p.comment.id, p.comment.parentId]))]);
  const fresh: PendingComment[] = [];
  const freshIds = new Set<number>();
  for (const pending of batch) {
    const old = pending.comment.id;
    // A comment id twice in one file: the first one is imported, the second counted as already there.
    if (known.has(old) || run.commentIdOf(old, existing.has(old)) !== undefined || freshIds.has(old)) continue;
    fresh.push(pending);
    freshIds.add(old);
  }
  run.counts.comments.existing += batch.length - fresh.length;
  const keeping = fresh.filter((p) => !existing.has(p.comment.id));
  const kept = new Set(keeping.map((p) => p.comment.id));
  for (const p of keeping) run.rememberComment(p.comment.id, p.comment.id);
  const parentOf = (old: number) => run.commentIdOf(old, existing.has(old) || kept.has(old));
  await repo.insertComments(tx, keeping.map((p) => commentRow(run, p, p.comment.id, parentOf)));
  for (const p of fresh.filter((p) => existing.has(p.comment.id))) {
    const id = await run.insertKeepingId('comments', null, () => repo.insertComment(tx, commentRow(run, p, undefined, parentOf)));
    run.rememberComment(p.comment.id, id);
  }
  await repo.insertLegacyIds(tx, 'comment', fresh.map((p) => [p.comment.id, run.commentIdOf(p.comment.id, true) ?? p.comment.id]));
  await repo.recountComments(tx, [...new Set(fresh.map((p) => p.postId))]);
  run.counts.comments.imported += fresh.length;
}

/**
 * The comments an earlier import made of these: by legacy id when that comment is on the same post, else (another
 * site's comment had the id) the same text by the same address at the same time on the post.
 */
async function sameImportedComments(run: ImportRun, batch: readonly PendingComment[]): Promise<Map<number, number>> {
  const known = await run.legacyIds('comment', batch.map((p) => p.comment.id));
  if (known.size === 0) return known;
  const posts = await repo.findCommentPosts(run.ctx.tx, [...known.values()]);
  for (const pending of batch) {
    const id = known.get(pending.comment.id);
    if (id === undefined || posts.get(id) === pending.postId) continue;
    const same = await repo.findSameComment(run.ctx.tx, { postId: pending.postId, ...commentIdentity(run, pending.comment) });
    if (same === undefined) known.delete(pending.comment.id);
    else known.set(pending.comment.id, same);
  }
  return known;
}

/** What tells two copies of one comment: its address, its time and its text. */
function commentIdentity(run: ImportRun, comment: WxrComment): { authorEmail: string; createdAt: string; source: string } {
  const createdAt = (instantOf(comment.dateGmt, comment.date, run.ctx.timeZone) ?? run.ctx.now).toISOString();
  return { authorEmail: comment.authorEmail.slice(0, 254), createdAt, source: comment.content };
}

function commentRow(
  run: ImportRun, { comment, postId, status }: PendingComment, id: number | undefined, parentOf: (oldId: number) => number | undefined,
): repo.NewCommentRow {
  const parentId = comment.parentId === 0 || comment.parentId === comment.id ? null : (parentOf(comment.parentId) ?? null);
  if (parentId === null && comment.parentId !== 0 && comment.parentId !== comment.id) {
    run.commentParents.push({ oldId: comment.id, oldParent: comment.parentId });
  }
  return {
    id, postId, parentId, status,
    ...commentIdentity(run, comment), authorName: comment.authorName.slice(0, 245), authorUrl: comment.authorUrl.slice(0, 2000),
    userId: run.usersByOldId.get(comment.userId) ?? null, identityId: null,
    // The same salted hash the comment pipeline stores: bans by IP hash match imported comments too.
    ipHash: comment.authorIp ? run.ipHashOf(comment.authorIp) : null,
    userAgent: '', contentHtml: htmlOfWordPressText(comment.content, 'comment'), spamScore: 0,
  };
}

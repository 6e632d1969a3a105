// `quire import wordpress`: streams a WXR file into the site in one transaction, so a refused file leaves nothing.
import fs from 'node:fs';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { SettingsService } from '../settings/index.js';
import { flushComments, importItem } from './wxr-import-items.js';
import { ImportRun, importAuthor, importTerm, useDefaultAuthor } from './wxr-import-run.js';
import * as repo from './wxr-import.repo.js';
import { type WxrRecord, readWxr } from './wxr-reader.js';
import { wxrFileUnreadable } from './wxr.errors.js';
import type { ImportReport } from './wxr.js';

export interface ImportProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Things read so far: authors, terms, items and their comments. */
  readonly items: number;
}

export interface WxrImportOptions {
  /** Read and check everything, write it, then roll it all back: the report says what an import would do. */
  readonly dryRun?: boolean;
  /** Login of the account that gets the items whose author the file does not list. */
  readonly defaultAuthor?: string;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface WxrImportDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsService;
  /** The site's secret, the salt of comment IP hashes. */
  readonly ipSalt: string;
}

class DryRunDone extends Error {}

async function openWxr(file: string): Promise<{ stream: fs.ReadStream; size: number }> {
  const stat = await fs.promises.stat(file).catch((error: NodeJS.ErrnoException) => {
    throw wxrFileUnreadable(file, error.code === 'ENOENT' ? 'no such file' : (error.code ?? 'unreadable'));
  });
  if (!stat.isFile()) throw wxrFileUnreadable(file, 'it is not a file');
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => reject(wxrFileUnreadable(file, error.code ?? 'unreadable')));
  });
  return { stream, size: stat.size };
}

/**
 * One transaction for the whole file, rolled back on any error: a file is refused (not WXR, truncated, entities)
 * only once saxes reaches the problem, which may be after a million rows. Validating in a first pass instead would
 * read a 1 GB file twice; SQLite and PostgreSQL both hold a transaction of that size without trouble.
 */
export async function importWxrFile(deps: WxrImportDeps, file: string, options: WxrImportOptions = {}): Promise<ImportReport> {
  const { stream, size } = await openWxr(file);
  const { timezone, permalinkStructure } = await deps.settings.get();
  let report: ImportReport | undefined;
  try {
    await repo.inTransaction(deps.db, async (tx) => {
      const start = { maxCommentId: await repo.findMaxCommentId(tx), legacyKinds: await repo.findLegacyKinds(tx) };
      const run = new ImportRun({ tx, dialect: deps.db.dialect, timeZone: timezone, permalinkStructure, now: deps.clock.now(), ipSalt: deps.ipSalt, start });
      await useDefaultAuthor(run, options.defaultAuthor);
      const buffer: Parameters<typeof flushComments>[1] = [];
      let items = 0;
      await readWxr(stream, async (record) => {
        await importRecord(run, record, buffer);
        items += record.kind === 'item' ? 1 + record.item.comments.length : 1;
        options.onProgress?.({ bytesRead: stream.bytesRead, totalBytes: size, items });
      });
      await flushComments(run, buffer);
      await linkForwardReferences(run);
      report = run.report(options.dryRun === true);
      if (options.dryRun) throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  } finally {
    stream.destroy();
  }
  return report as ImportReport;
}

async function importRecord(run: ImportRun, record: WxrRecord, buffer: Parameters<typeof flushComments>[1]): Promise<void> {
  switch (record.kind) {
    case 'author':
      await importAuthor(run, record.author);
      return;
    case 'term':
      await importTerm(run, record.term);
      return;
    case 'item':
      await importItem(run, record.item, buffer);
      return;
    case 'oversized':
      run.skip('posts', `items with a field longer than the 4,000,000 characters any WordPress field holds (the item ending at line ${record.line})`);
  }
}

/** What pointed at something later in the file (parents, featured images), linked now that everything is written. */
async function linkForwardReferences(run: ImportRun): Promise<void> {
  const { tx } = run.ctx;
  for (const { id, key } of run.termParents) {
    const parent = run.terms.get(key);
    if (parent !== undefined) await repo.setTermParent(tx, id, parent);
    else run.note('terms', 'categories whose parent is not in the file, kept at the top level');
  }
  for (const { id, oldParent } of run.postParents) {
    const parent = run.posts.get(oldParent);
    if (parent !== undefined) await repo.setPostLinks(tx, id, { parentId: parent });
    else run.note('posts', 'pages whose parent is not in the file, kept at the top level', oldParent);
  }
  for (const { id, oldMedia } of run.featured) {
    const media = run.media.get(oldMedia);
    if (media !== undefined) await repo.setPostLinks(tx, id, { featuredMediaId: media });
    else run.note('posts', 'featured images that are not in the file (the post keeps none)', oldMedia);
  }
  for (const { id, oldParent } of run.mediaParents) {
    const post = run.posts.get(oldParent);
    if (post !== undefined) await repo.setMediaPost(tx, id, post);
  }
  await linkComments(run);
  await rememberPagePaths(run);
  for (const table of ['posts', 'comments', 'terms', 'media', 'users'] as const) await run.ctx.dialect.syncIdSequence(tx, table);
}

/** Replies written before their parent, linked now; a parent imported by an earlier run is found by its legacy id. */
async function linkComments(run: ImportRun): Promise<void> {
  const { tx } = run.ctx;
  for (let i = 0; i < run.commentParents.length; i += repo.BATCH) {
    const pending = run.commentParents.slice(i, i + repo.BATCH);
    const parents = pending.map((p) => p.oldParent);
    const [existing, earlier] = [await repo.findTakenIds(tx, 'comments', parents), await run.legacyIds('comment', parents)];
    for (const { oldId, oldParent } of pending) {
      const id = run.commentIdOf(oldId, true);
      const parent = run.commentIdOf(oldParent, existing.has(oldParent)) ?? earlier.get(oldParent);
      if (id !== undefined && parent !== undefined) await repo.setCommentParent(tx, id, parent);
      else run.note('comments', 'replies whose parent comment is not in the file, kept as top-level comments', oldId);
    }
  }
}

/** Old page paths that differ from the page's path here (its parents' slugs and its own). */
async function rememberPagePaths(run: ImportRun): Promise<void> {
  for (const { id, path } of run.pagePaths) {
    const slugs: string[] = [];
    let next: number | null = id;
    while (next !== null && slugs.length < 20) {
      const page = await repo.findPageLink(run.ctx.tx, next);
      if (!page) break;
      slugs.unshift(encodeURIComponent(page.slug));
      next = page.parentId;
    }
    if (path !== `/${slugs.join('/')}/`) await repo.insertLegacyPath(run.ctx.tx, path, id);
  }
}

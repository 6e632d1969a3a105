// One import's memory (old id → new id, fix-ups waiting for later records, counts) and its authors and terms.
import type { IdSequenceTable, SqlDialect } from '../../db/dialect.js';
import type { LegacyKind, Role, Taxonomy } from '../../db/tables.js';
import { slugify } from '../../kernel/slug.js';
import { hashIp } from '../comments/index.js';
import type { PermalinkStructure } from '../posts/index.js';
import * as repo from './wxr-import.repo.js';
import { unknownDefaultAuthor } from './wxr.errors.js';
import type { ImportKind, ImportReport, KindCounts, WxrAuthor, WxrItem, WxrTerm } from './wxr.js';
import { importKinds, safeDecode } from './wxr.js';

export interface RunContext {
  readonly tx: repo.Tx;
  readonly dialect: SqlDialect;
  readonly timeZone: string;
  /** Settings → Permalinks: an old path equal to the new permalink needs no redirect. */
  readonly permalinkStructure: PermalinkStructure;
  readonly now: Date;
  readonly ipSalt: string;
  /** What the database held when the run began. */
  readonly start: { readonly maxCommentId: number; readonly legacyKinds: ReadonlySet<LegacyKind> };
}

export type KeptIdTable = Exclude<IdSequenceTable, 'users'>;

interface Note {
  readonly kind: ImportKind;
  count: number;
  readonly examples: number[];
}

const EXAMPLES = 8;

/**
 * The id maps are numbers only: one entry per post, term and media item, and for comments (the bulk of a file)
 * only the exceptions. The fix-up lists hold what points forward.
 */
export class ImportRun {
  readonly counts = Object.fromEntries(importKinds.map((k) => [k, { imported: 0, existing: 0, skipped: 0 }])) as Record<ImportKind, KindCounts>;
  readonly notes = new Map<string, Note>();
  readonly users = new Map<string, number>();
  readonly usersByOldId = new Map<number, number>();
  readonly roles = new Map<number, Role>();
  readonly terms = new Map<string, number>();
  readonly posts = new Map<number, number>();
  readonly media = new Map<number, number>();
  /** Comments whose id here is not their WordPress id, or is at or below the table's largest at the start (see commentIdOf). */
  readonly movedComments = new Map<number, number>();
  readonly termParents: { id: number; key: string }[] = [];
  readonly postParents: { id: number; oldParent: number }[] = [];
  readonly featured: { id: number; oldMedia: number }[] = [];
  readonly mediaParents: { id: number; oldParent: number }[] = [];
  readonly commentParents: { oldId: number; oldParent: number }[] = [];
  readonly pagePaths: { id: number; path: string }[] = [];
  /** Comments this run let the database number (their WordPress id was taken): the exceptions, as in movedComments. */
  readonly numberedComments = new Set<number>();
  defaultAuthorId: number | undefined;

  constructor(readonly ctx: RunContext) {}

  /** Counts a skipped thing under its reason; the report lists each reason once with a few of the ids. */
  skip(kind: ImportKind, reason: string, oldId?: number): void {
    this.counts[kind].skipped += 1;
    this.note(kind, reason, oldId);
  }

  note(kind: ImportKind, reason: string, oldId?: number): void {
    const note = this.notes.get(reason) ?? { kind, count: 0, examples: [] };
    note.count += 1;
    if (oldId !== undefined && note.examples.length < EXAMPLES) note.examples.push(oldId);
    this.notes.set(reason, note);
  }

  report(dryRun: boolean): ImportReport {
    const lines = [...this.notes].map(([reason, n]) => {
      const ids = n.examples.length > 0 ? ` (WordPress ids ${n.examples.join(', ')}${n.count > n.examples.length ? ', …' : ''})` : '';
      return `${n.count} × ${reason}${ids}`;
    });
    return { counts: this.counts, notes: lines.slice(0, 200), moreNotes: Math.max(0, lines.length - 200), dryRun };
  }

  /** Legacy ids of earlier imports; no query at all for a kind nothing was imported as before. */
  async legacyIds(kind: LegacyKind, oldIds: readonly number[]): Promise<Map<number, number>> {
    return this.ctx.start.legacyKinds.has(kind) ? repo.findLegacyIds(this.ctx.tx, kind, oldIds) : new Map();
  }

  /**
   * Inserts with the WordPress id when no row has it, else lets the database number it. The transaction sees this
   * run's rows, so one primary-key lookup says whether the id is free: no set of the ids written grows with the file.
   */
  async insertKeepingId(table: KeptIdTable, oldId: number | null, insert: (id: number | undefined) => Promise<number>): Promise<number> {
    const free = oldId !== null && oldId > 0 && !(await repo.findTakenIds(this.ctx.tx, table, [oldId])).has(oldId);
    // PostgreSQL's sequence knows nothing of the ids written by hand so far: move it past them first.
    if (!free) await this.ctx.dialect.syncIdSequence(this.ctx.tx, table);
    const id = await insert(free ? oldId : undefined);
    if (table === 'comments') this.numberedComments.add(id);
    return id;
  }

  /** Notes that comment `oldId` was written as `id`; a kept id above the start's largest needs no memory. */
  rememberComment(oldId: number, id: number): void {
    if (id !== oldId || oldId <= this.ctx.start.maxCommentId) this.movedComments.set(oldId, id);
  }

  /**
   * The id this run gave WordPress comment `oldId`, if it wrote it; `exists`: a comment row has the id `oldId` now.
   * Such a row above the start's largest id that this run did not number itself is the comment, kept under its id:
   * memory holds only the exceptions, not one entry per comment of a million-comment file.
   */
  commentIdOf(oldId: number, exists: boolean): number | undefined {
    const moved = this.movedComments.get(oldId);
    if (moved !== undefined) return moved;
    return exists && oldId > this.ctx.start.maxCommentId && !this.numberedComments.has(oldId) ? oldId : undefined;
  }

  private readonly ipHashes = new Map<string, string>();

  /** The comment pipeline's salted IP hash, kept for the last few thousand addresses (readers comment often). */
  ipHashOf(ip: string): string {
    let hash = this.ipHashes.get(ip);
    if (hash === undefined) {
      if (this.ipHashes.size >= 10_000) this.ipHashes.clear();
      hash = hashIp(this.ctx.ipSalt, ip);
      this.ipHashes.set(ip, hash);
    }
    return hash;
  }

  async roleOf(userId: number): Promise<Role> {
    let role = this.roles.get(userId);
    if (role === undefined) {
      role = (await repo.findUserRole(this.ctx.tx, userId)) ?? 'author';
      this.roles.set(userId, role);
    }
    return role;
  }
}

export async function useDefaultAuthor(run: ImportRun, login: string | undefined): Promise<void> {
  if (login === undefined) return;
  const id = await repo.findUserId(run.ctx.tx, 'login', login);
  if (id === undefined) throw unknownDefaultAuthor(login);
  run.defaultAuthorId = id;
}

/** Matches a file's author with an account (legacy id, then login, then e-mail) or creates one with no password. */
export async function importAuthor(run: ImportRun, author: WxrAuthor): Promise<number | undefined> {
  if (author.login === '') {
    run.skip('users', 'authors with no login', author.id ?? undefined);
    return undefined;
  }
  const { tx } = run.ctx;
  const legacy = author.id === null ? undefined : (await run.legacyIds('user', [author.id])).get(author.id);
  let id = legacy ?? (await repo.findUserId(tx, 'login', author.login));
  if (id === undefined && author.email.includes('@')) id = await repo.findUserId(tx, 'email', author.email.toLowerCase());
  if (id !== undefined) {
    run.counts.users.existing += 1;
  } else {
    id = await createAuthor(run, author);
    run.counts.users.imported += 1;
  }
  run.users.set(author.login, id);
  if (author.id !== null) {
    run.usersByOldId.set(author.id, id);
    if (legacy === undefined) await repo.insertLegacyIds(tx, 'user', [[author.id, id]]);
  }
  return id;
}

async function createAuthor(run: ImportRun, author: WxrAuthor): Promise<number> {
  const email = author.email.includes('@') && author.email.length <= 254
    ? author.email.toLowerCase()
    : `${slugify(author.login) || 'author'}@users.invalid`;
  // No password: the person sets one with a reset link, as `quire user add` without --password.
  return repo.insertUser(run.ctx.tx, {
    login: author.login.slice(0, 60),
    email,
    displayName: (author.displayName || author.login).slice(0, 250),
    role: 'author',
    passwordHash: null,
    bio: '',
    createdAt: run.ctx.now.toISOString(),
    emailVerifiedAt: null,
    url: '',
    avatarMediaId: null,
  });
}

/** The account an item is filed under: its author in the file, else --default-author, else one made from the login. */
export async function authorOf(run: ImportRun, item: Pick<WxrItem, 'creator'>): Promise<number> {
  const known = run.users.get(item.creator);
  if (known !== undefined) return known;
  if (run.defaultAuthorId !== undefined) return run.defaultAuthorId;
  const login = item.creator || 'imported';
  return (await importAuthor(run, { id: null, login, email: '', displayName: login })) as number;
}

const TAXONOMIES: Readonly<Record<string, Taxonomy>> = { category: 'category', post_tag: 'post_tag', tag: 'post_tag', '': 'category' };

export async function importTerm(run: ImportRun, term: WxrTerm): Promise<number | undefined> {
  const taxonomy = TAXONOMIES[term.taxonomy];
  if (taxonomy === undefined) {
    run.skip('terms', `terms of the custom taxonomy "${term.taxonomy.slice(0, 40)}" (Quire has categories and tags only)`, term.id ?? undefined);
    return undefined;
  }
  const key = `${taxonomy}:${term.slug || slugify(term.name)}`;
  // WordPress 6 lists each category both as wp:category and as wp:term: the second is the same term.
  const seen = run.terms.get(key);
  if (seen !== undefined) return seen;
  const slug = slugify(safeDecode(term.slug)) || slugify(term.name);
  if (slug === '' || term.name === '') {
    run.skip('terms', 'terms with neither a name nor a slug', term.id ?? undefined);
    return undefined;
  }
  const { tx } = run.ctx;
  const legacy = term.id === null ? undefined : (await run.legacyIds('term', [term.id])).get(term.id);
  let id = legacy ?? (await repo.findTermId(tx, taxonomy, slug));
  if (id !== undefined) {
    run.counts.terms.existing += 1;
  } else {
    const row = { taxonomy, name: term.name.slice(0, 200), slug, description: term.description, parentId: null };
    id = await run.insertKeepingId('terms', term.id, (wanted) => repo.insertTerm(tx, { id: wanted, ...row }));
    run.counts.terms.imported += 1;
    if (term.parentSlug !== '' && taxonomy === 'category') run.termParents.push({ id, key: `${taxonomy}:${term.parentSlug}` });
  }
  run.terms.set(key, id);
  if (term.id !== null && legacy === undefined) await repo.insertLegacyIds(tx, 'term', [[term.id, id]]);
  return id;
}

/** The terms an item is filed under; a term the file never declared (WXR 1.0 does not) is created from its name. */
export async function termIdsOf(run: ImportRun, item: Pick<WxrItem, 'terms'>): Promise<number[]> {
  const ids: number[] = [];
  for (const ref of item.terms) {
    if (TAXONOMIES[ref.domain] === undefined) continue;
    const id = await importTerm(run, { id: null, taxonomy: ref.domain, slug: ref.slug, name: ref.name || ref.slug, description: '', parentSlug: '' });
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

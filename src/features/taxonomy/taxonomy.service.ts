// Categories and tags: creating them, finding them by URL path, filing posts under them.
import type { Db } from '../../db/database.js';
import type { ChangeBus } from '../../kernel/events.js';
import { memoUntilChange } from '../../kernel/memo.js';
import { firstFreeSlug, slugify } from '../../kernel/slug.js';
import type { SettingsService } from '../settings/index.js';
import { type Taxonomy, type Term, type TermWithCount, categoryPathOf, descendantIds } from './taxonomy.js';
import { taxonomyErrors } from './taxonomy.errors.js';
import * as repo from './taxonomy.repo.js';
import { type TermEditing, checkTermFields, createTermEditing } from './term-editing.service.js';

export interface NewTermInput {
  readonly name: string;
  readonly slug?: string;
  readonly description?: string;
  readonly parentId?: number | null;
}

export interface TaxonomyService extends TermEditing {
  create(taxonomy: Taxonomy, input: NewTermInput): Promise<Term>;
  findBySlug(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  /** Resolves /category/a/b/ to category b when its ancestors are exactly a; else undefined. */
  findCategoryByPath(slugs: readonly string[]): Promise<Term | undefined>;
  /** The category and all categories below it. */
  categoryWithDescendants(categoryId: number): Promise<number[]>;
  listWithCounts(taxonomy: Taxonomy): Promise<TermWithCount[]>;
  /** The path under /category/ for each category id. */
  categoryPaths(): Promise<Map<number, string>>;
  /** Finds tags by name, creating the missing ones. */
  ensureTags(names: readonly string[]): Promise<Term[]>;
  termsOfPosts(postIds: readonly number[]): Promise<Map<number, Term[]>>;
  setPostTerms(postId: number, termIds: readonly number[]): Promise<void>;
}

export function createTaxonomyService(deps: {
  readonly db: Db;
  readonly events: ChangeBus;
  /** Where the default category ("Uncategorized") is remembered. */
  readonly settings: Pick<SettingsService, 'get' | 'update'>;
}): TaxonomyService {
  const { db, events } = deps;
  // Terms change rarely and are shown on every page: kept in memory, so a page only reads its links.
  const termsById = memoUntilChange(events, (e) => e.type === 'term', async () => new Map((await repo.listAllTerms(db)).map((t) => [t.id, t])));

  async function create(taxonomy: Taxonomy, input: NewTermInput): Promise<Term> {
    const { name = '', description = '' } = checkTermFields(input);
    const base = input.slug ?? (slugify(name) || taxonomy);
    if (input.slug !== undefined && (await repo.findTermBySlug(db, taxonomy, input.slug))) throw taxonomyErrors.slugTaken(input.slug);
    const parentId = taxonomy === 'category' ? (input.parentId ?? null) : null;
    if (parentId !== null && (await repo.listTerms(db, 'category')).every((t) => t.id !== parentId)) throw taxonomyErrors.parentNotFound();
    const slug = firstFreeSlug(base, await repo.listSlugsStartingWith(db, taxonomy, base));
    const term = await repo.insertTerm(db, { taxonomy, name, slug, description, parentId });
    events.publish({ type: 'term', termId: term.id });
    return term;
  }

  const listWithCounts = memoUntilChange(events, (e) => e.type === 'post' || e.type === 'term', (taxonomy: Taxonomy) =>
    repo.listTermsWithCounts(db, taxonomy),
  );

  return {
    ...createTermEditing({ db, events, settings: deps.settings, create, listWithCounts }),
    create,
    findBySlug: (taxonomy, slug) => repo.findTermBySlug(db, taxonomy, slug),
    async findCategoryByPath(slugs) {
      const last = slugs.at(-1);
      if (last === undefined) return undefined;
      const term = await repo.findTermBySlug(db, 'category', last);
      if (!term) return undefined;
      if (slugs.length === 1) return term;
      const all = await repo.listTerms(db, 'category');
      const path = categoryPathOf(term, new Map(all.map((t) => [t.id, t])));
      return path.join('/') === slugs.join('/') ? term : undefined;
    },
    async categoryWithDescendants(categoryId) {
      return descendantIds(categoryId, await repo.listTerms(db, 'category'));
    },
    // Counts change with posts as well as with terms.
    listWithCounts,
    async categoryPaths() {
      const all = await repo.listTerms(db, 'category');
      const byId = new Map(all.map((t) => [t.id, t]));
      return new Map(all.map((t) => [t.id, categoryPathOf(t, byId).join('/')]));
    },
    async ensureTags(names) {
      const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
      const existing = await repo.listTermsByNames(db, 'post_tag', wanted);
      const found = new Map(existing.map((t) => [t.name, t]));
      const result: Term[] = [];
      for (const name of wanted) result.push(found.get(name) ?? (await create('post_tag', { name })));
      return result;
    },
    async termsOfPosts(postIds) {
      const [links, terms] = await Promise.all([repo.listPostTermLinks(db, postIds), termsById(undefined)]);
      const map = new Map<number, Term[]>();
      for (const { postId, termId } of links) {
        const term = terms.get(termId);
        if (!term) continue;
        const list = map.get(postId) ?? [];
        list.push(term);
        map.set(postId, list);
      }
      // By name, as the terms are listed everywhere else (binary order, like the database's).
      for (const list of map.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return map;
    },
    async setPostTerms(postId, termIds) {
      await repo.replacePostTerms(db, postId, termIds);
      events.publish({ type: 'post', postId });
    },
  };
}

// Managing categories and tags (the admin's screens, the REST API): edit, delete with reassignment, merge, list.
import type { Db } from '../../db/database.js';
import type { ChangeBus } from '../../kernel/events.js';
import { isValidSlug } from '../../kernel/slug.js';
import type { SettingsService } from '../settings/index.js';
import { type Taxonomy, type Term, type TermWithCount, descendantIds } from './taxonomy.js';
import { taxonomyErrors } from './taxonomy.errors.js';
import * as repo from './taxonomy.repo.js';
import * as edits from './term-editing.repo.js';
import { type TermListPage, type TermListQuery, pageTerms } from './term-list.js';

export interface TermChanges {
  readonly name?: string;
  readonly slug?: string;
  readonly description?: string;
  readonly parentId?: number | null;
}

export interface TermEditing {
  findById(id: number): Promise<Term | undefined>;
  update(id: number, changes: TermChanges): Promise<Term>;
  /** Deletes a term; a category's lone posts go to the default category, its children to its parent. */
  remove(id: number): Promise<void>;
  /** Every post of `fromId` gets `intoId`; `fromId` is deleted and its archive address leads to `intoId`. */
  merge(fromId: number, intoId: number): Promise<Term>;
  /** The default category ("Uncategorized"), made the first time it is needed. */
  defaultCategory(): Promise<Term>;
  /** The term a merged term's slug now leads to. */
  redirectTarget(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  listPage(taxonomy: Taxonomy, query: TermListQuery): Promise<TermListPage>;
}

export interface TermEditingDeps {
  readonly db: Db;
  readonly events: ChangeBus;
  readonly settings: Pick<SettingsService, 'get' | 'update'>;
  readonly create: (taxonomy: Taxonomy, input: { name: string; slug?: string }) => Promise<Term>;
  readonly listWithCounts: (taxonomy: Taxonomy) => Promise<TermWithCount[]>;
}

const MAX_NAME = 200;
const MAX_DESCRIPTION = 5000;

/** The checks every name, slug and description passes, on creation as on edit. Returns the trimmed values. */
export function checkTermFields(input: TermChanges): TermChanges {
  const name = input.name?.trim();
  if (name !== undefined && (name.length === 0 || name.length > MAX_NAME)) throw taxonomyErrors.nameInvalid();
  if (input.slug !== undefined && !isValidSlug(input.slug)) throw taxonomyErrors.slugInvalid();
  const description = input.description?.trim();
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw taxonomyErrors.descriptionTooLong();
  return { ...input, ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
}

export function createTermEditing(deps: TermEditingDeps): TermEditing {
  const { db, events } = deps;

  async function existing(id: number): Promise<Term> {
    const term = await edits.findTermById(db, id);
    if (!term) throw taxonomyErrors.notFound();
    return term;
  }

  /** A parent must be another category, not one below the term (that would close a loop). */
  async function checkParent(term: Term, parentId: number | null): Promise<void> {
    if (parentId === null) return;
    const parent = await edits.findTermById(db, parentId);
    if (!parent || parent.taxonomy !== 'category') throw taxonomyErrors.parentNotFound();
    if (descendantIds(term.id, await repo.listTerms(db, 'category')).includes(parentId)) throw taxonomyErrors.parentCycle();
  }

  async function defaultCategory(): Promise<Term> {
    const chosen = (await deps.settings.get()).defaultCategory;
    const found = chosen > 0 ? await edits.findTermById(db, chosen) : undefined;
    if (found?.taxonomy === 'category') return found;
    const term = (await repo.findTermBySlug(db, 'category', 'uncategorized')) ?? (await deps.create('category', { name: 'Uncategorized', slug: 'uncategorized' }));
    await deps.settings.update({ defaultCategory: term.id });
    return term;
  }

  return {
    findById: (id) => edits.findTermById(db, id),
    async update(id, changes) {
      const term = await existing(id);
      const checked = checkTermFields(changes);
      if (checked.slug !== undefined && checked.slug !== term.slug) {
        const holder = await repo.findTermBySlug(db, term.taxonomy, checked.slug);
        if (holder && holder.id !== id) throw taxonomyErrors.slugTaken(checked.slug);
      }
      const parentId = term.taxonomy === 'category' ? checked.parentId : undefined;
      if (parentId !== undefined) await checkParent(term, parentId);
      const { name, slug, description } = checked;
      const updated = await edits.updateTerm(db, id, {
        ...(name !== undefined ? { name } : {}), ...(slug !== undefined ? { slug } : {}),
        ...(description !== undefined ? { description } : {}), ...(parentId !== undefined ? { parentId } : {}),
      });
      events.publish({ type: 'term', termId: id });
      return updated;
    },
    async remove(id) {
      const term = await existing(id);
      const fallback = term.taxonomy === 'category' ? await defaultCategory() : null;
      if (fallback?.id === id) throw taxonomyErrors.defaultCategory();
      await edits.deleteTerm(db, term, fallback?.id ?? null);
      events.publish({ type: 'term', termId: id });
      if (fallback) events.publish({ type: 'term', termId: fallback.id });
    },
    async merge(fromId, intoId) {
      const [from, into] = await Promise.all([existing(fromId), existing(intoId)]);
      if (from.id === into.id || from.taxonomy !== into.taxonomy) throw taxonomyErrors.mergeInvalid();
      if (from.taxonomy === 'category' && (await defaultCategory()).id === from.id) throw taxonomyErrors.defaultCategory();
      // Moving `from`'s children under `into` must not put `into` below itself.
      if (from.taxonomy === 'category' && descendantIds(from.id, await repo.listTerms(db, 'category')).includes(into.id)) {
        throw taxonomyErrors.mergeIntoChild();
      }
      await edits.mergeTerms(db, from, into);
      events.publish({ type: 'term', termId: from.id });
      events.publish({ type: 'term', termId: into.id });
      return into;
    },
    defaultCategory,
    redirectTarget: (taxonomy, slug) => edits.findRedirectTarget(db, taxonomy, slug),
    async listPage(taxonomy, query) {
      return pageTerms(await deps.listWithCounts(taxonomy), query);
    },
  };
}

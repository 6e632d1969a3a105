// The categories and tags table: tree order by default, a column's order when asked, search, and pages.
import { describe, expect, it } from 'vitest';
import type { TermWithCount } from './taxonomy.js';
import { pageTerms } from './term-list.js';

function term(id: number, name: string, count: number, parentId: number | null = null, description = ''): TermWithCount {
  return { id, taxonomy: 'category', name, slug: name.toLowerCase(), description, parentId, count };
}

const terms = [term(1, 'Travel', 3), term(2, 'Trains', 5, 1), term(3, 'Food', 1, null, 'Recipes and travel snacks'), term(4, 'boats', 0, 1)];
const names = (result: ReturnType<typeof pageTerms>) => result.items.map((t) => `${'-'.repeat(t.depth)}${t.name}`);

describe('pageTerms', () => {
  it('lists the tree by name, children under their parent, when no column is chosen', () => {
    expect(names(pageTerms(terms, { page: 1, perPage: 10 }))).toEqual(['Food', 'Travel', '-boats', '-Trains']);
  });

  it('sorts flat by a column, either way, ties broken by name', () => {
    expect(names(pageTerms(terms, { orderBy: 'count', page: 1, perPage: 10 }))).toEqual(['boats', 'Food', 'Travel', 'Trains']);
    expect(names(pageTerms(terms, { orderBy: 'name', order: 'desc', page: 1, perPage: 10 }))).toEqual(['Travel', 'Trains', 'Food', 'boats']);
  });

  it('finds words in the name, slug or description, ignoring case, and shows the matches flat', () => {
    expect(names(pageTerms(terms, { search: 'TRAVEL', page: 1, perPage: 10 }))).toEqual(['Food', 'Travel']);
    expect(pageTerms(terms, { search: 'nothing', page: 1, perPage: 10 })).toEqual({ items: [], total: 0, page: 1, pages: 1 });
  });

  it('cuts pages and gives the last page for a page past the end', () => {
    const second = pageTerms(terms, { orderBy: 'name', page: 2, perPage: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(names(second)).toEqual(['Travel']);
    expect(pageTerms(terms, { orderBy: 'name', page: 9, perPage: 3 }).page).toBe(2);
  });
});

// The category and tag screens' table as a pure rule: search, sort by a column, and one page of the result.
import { type TermWithCount, buildTermTree } from './taxonomy.js';
import type { TermNode } from './taxonomy.js';

export const TERM_SORTS = ['name', 'description', 'slug', 'count'] as const;
export type TermSort = (typeof TERM_SORTS)[number];

export interface TermListQuery {
  /** Words matched inside the name, slug or description, ignoring case. */
  readonly search?: string;
  /** A column; none: by name, categories as their tree (children under their parent). */
  readonly orderBy?: TermSort;
  readonly order?: 'asc' | 'desc';
  readonly page: number;
  readonly perPage: number;
}

export interface ListedTerm extends TermWithCount {
  /** Levels below the top in the tree order (0 when sorted by a column or searched). */
  readonly depth: number;
}

export interface TermListPage {
  readonly items: readonly ListedTerm[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

function flatten(nodes: readonly TermNode<TermWithCount>[], depth: number, into: ListedTerm[]): ListedTerm[] {
  for (const node of nodes) {
    into.push({ ...node.term, depth });
    flatten(node.children, depth + 1, into);
  }
  return into;
}

const compareText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });

function compare(sort: TermSort): (a: TermWithCount, b: TermWithCount) => number {
  if (sort === 'count') return (a, b) => a.count - b.count || compareText(a.name, b.name);
  return (a, b) => compareText(a[sort], b[sort]) || compareText(a.name, b.name);
}

/** One page of `terms` as the screen asked for it; a page past the end gives the last page. */
export function pageTerms(terms: readonly TermWithCount[], query: TermListQuery): TermListPage {
  const words = (query.search ?? '').trim().toLowerCase();
  const matching = words
    ? terms.filter((t) => [t.name, t.slug, t.description].some((text) => text.toLowerCase().includes(words)))
    : terms;
  let ordered: ListedTerm[];
  if (!query.orderBy && !words) {
    ordered = flatten(buildTermTree(matching), 0, []);
  } else {
    ordered = [...matching].sort(compare(query.orderBy ?? 'name')).map((t) => ({ ...t, depth: 0 }));
    if (query.order === 'desc') ordered.reverse();
  }
  const perPage = Math.max(1, query.perPage);
  const pages = Math.max(1, Math.ceil(ordered.length / perPage));
  const page = Math.min(Math.max(1, query.page), pages);
  return { items: ordered.slice((page - 1) * perPage, page * perPage), total: ordered.length, page, pages };
}

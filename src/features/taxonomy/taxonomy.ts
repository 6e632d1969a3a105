// Categories and tags: types and the pure rules of the category tree.
import type { Taxonomy } from '../../db/tables.js';

export type { Taxonomy } from '../../db/tables.js';

export interface Term {
  readonly id: number;
  readonly taxonomy: Taxonomy;
  readonly name: string;
  readonly slug: string;
  readonly description: string;
  readonly parentId: number | null;
}

export interface TermWithCount extends Term {
  /** Published posts filed under this term itself (not its children), as WordPress counts. */
  readonly count: number;
}

/** The slugs from the root down to `term`, e.g. ['travel', 'trains']; stops at cycles. */
export function categoryPathOf(term: Term, byId: ReadonlyMap<number, Term>): string[] {
  const path = [term.slug];
  const seen = new Set([term.id]);
  let parentId = term.parentId;
  while (parentId !== null) {
    const parent = byId.get(parentId);
    if (!parent || seen.has(parent.id)) break;
    path.unshift(parent.slug);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return path;
}

/** `rootId` and every category below it. */
export function descendantIds(rootId: number, terms: readonly Term[]): number[] {
  const children = new Map<number, number[]>();
  for (const term of terms) {
    if (term.parentId === null) continue;
    const list = children.get(term.parentId) ?? [];
    list.push(term.id);
    children.set(term.parentId, list);
  }
  const result: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

export interface TermNode<T extends Term = Term> {
  readonly term: T;
  readonly children: readonly TermNode<T>[];
}

/** Terms as a forest ordered by name at every level. */
export function buildTermTree<T extends Term>(terms: readonly T[]): TermNode<T>[] {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(terms.map((t) => t.id));
  for (const term of terms) {
    const parent = term.parentId !== null && ids.has(term.parentId) ? term.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(term);
    byParent.set(parent, list);
  }
  const grow = (parent: number | null, seen: ReadonlySet<number>): TermNode<T>[] =>
    (byParent.get(parent) ?? [])
      .filter((t) => !seen.has(t.id))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((term) => ({ term, children: grow(term.id, new Set([...seen, term.id])) }));
  return grow(null, new Set());
}

// The category tree: paths, descendants and the sorted forest, safe against broken parent links.
import { describe, it, expect } from 'vitest';
import { type Term, type TermNode, buildTermTree, categoryPathOf, descendantIds } from './taxonomy.js';

function term(id: number, name: string, parentId: number | null = null): Term {
  return { id, taxonomy: 'category', name, slug: name.toLowerCase(), description: '', parentId };
}

const byIdOf = (terms: readonly Term[]): ReadonlyMap<number, Term> => new Map(terms.map((t) => [t.id, t]));

/** The forest as nested [name, children] pairs. */
type Shape = [string, Shape[]];
const shape = (nodes: readonly TermNode[]): Shape[] => nodes.map((n) => [n.term.name, shape(n.children)]);

// travel → trains → sleepers; travel → boats; food
const travel = term(1, 'Travel');
const trains = term(2, 'Trains', 1);
const sleepers = term(3, 'Sleepers', 2);
const boats = term(4, 'Boats', 1);
const food = term(5, 'Food');
const tree = [travel, trains, sleepers, boats, food];

describe('categoryPathOf', () => {
  it('is just the slug for a top-level category', () => {
    expect(categoryPathOf(food, byIdOf(tree))).toEqual(['food']);
  });

  it('lists slugs from the root down to the category', () => {
    expect(categoryPathOf(sleepers, byIdOf(tree))).toEqual(['travel', 'trains', 'sleepers']);
    expect(categoryPathOf(boats, byIdOf(tree))).toEqual(['travel', 'boats']);
  });

  it('stops at a parent that is missing from the map', () => {
    const orphan = term(6, 'Orphan', 42);
    expect(categoryPathOf(orphan, byIdOf(tree))).toEqual(['orphan']);
  });

  it('stops at a cycle instead of looping', () => {
    const a = term(10, 'A', 12);
    const b = term(11, 'B', 10);
    const c = term(12, 'C', 11);
    expect(categoryPathOf(a, byIdOf([a, b, c]))).toEqual(['b', 'c', 'a']);
    const self = term(13, 'Self', 13);
    expect(categoryPathOf(self, byIdOf([self]))).toEqual(['self']);
  });
});

describe('descendantIds', () => {
  it('includes the root itself and everything below it', () => {
    expect(descendantIds(1, tree).sort()).toEqual([1, 2, 3, 4]);
    expect(descendantIds(2, tree).sort()).toEqual([2, 3]);
  });

  it('is just the root for a leaf or an unknown id', () => {
    expect(descendantIds(5, tree)).toEqual([5]);
    expect(descendantIds(99, tree)).toEqual([99]);
  });

  it('visits each category once when parent links form a cycle', () => {
    const terms = [term(1, 'A', 3), term(2, 'B', 1), term(3, 'C', 2), term(4, 'D', 3)];
    expect(descendantIds(1, terms).sort()).toEqual([1, 2, 3, 4]);
    expect(descendantIds(7, [term(7, 'Self', 7)])).toEqual([7]);
  });
});

describe('buildTermTree', () => {
  it('builds a forest sorted by name at every level', () => {
    expect(shape(buildTermTree(tree))).toEqual([
      ['Food', []],
      ['Travel', [
        ['Boats', []],
        ['Trains', [['Sleepers', []]]],
      ]],
    ]);
  });

  it('is empty for no terms', () => {
    expect(buildTermTree([])).toEqual([]);
  });

  it('puts a term whose parent is not in the list at the top level', () => {
    expect(shape(buildTermTree([term(1, 'Kept', 99), term(2, 'Root')]))).toEqual([
      ['Kept', []],
      ['Root', []],
    ]);
  });

  it('keeps the extra fields of the terms it is given', () => {
    const counted = [{ ...travel, count: 3 }, { ...trains, count: 1 }];
    const [root] = buildTermTree(counted);
    expect(root?.term.count).toBe(3);
    expect(root?.children[0]?.term.count).toBe(1);
  });

  it('finishes when parent links form a cycle, showing each term at most once', () => {
    const terms = [term(1, 'A', 2), term(2, 'B', 1), term(3, 'Root'), term(4, 'Self', 4), term(5, 'Child', 3)];
    const forest = buildTermTree(terms);
    const names: string[] = [];
    const walk = (nodes: readonly TermNode[]): void => {
      for (const n of nodes) {
        names.push(n.term.name);
        walk(n.children);
      }
    };
    walk(forest);
    expect(new Set(names).size).toBe(names.length);
    expect(shape(forest)).toContainEqual(['Root', [['Child', []]]]);
  });
});

// Threading a flat, oldest-first list of comments the way WordPress shows them.
import { describe, it, expect } from 'vitest';
import { type Comment, type CommentNode, buildThread, countNodes } from './comments.js';

function comment(id: number, parentId: number | null = null): Comment {
  return {
    id,
    postId: 1,
    parentId,
    status: 'approved',
    authorName: `Reader ${id}`,
    authorEmail: `reader${id}@example.com`,
    authorUrl: '',
    userId: null,
    contentHtml: `<p>Comment ${id}</p>`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, id)).toISOString(),
  };
}

/** The thread as nested [id, depth, replies] tuples, easy to compare. */
type Shape = [number, number, Shape[]];
const shape = (nodes: readonly CommentNode[]): Shape[] =>
  nodes.map((n) => [n.comment.id, n.depth, shape(n.replies)]);

describe('buildThread', () => {
  it('returns an empty thread for no comments', () => {
    expect(buildThread([], 5, 'oldest')).toEqual([]);
  });

  it('keeps top-level comments in the given (oldest-first) order at depth 1', () => {
    expect(shape(buildThread([comment(1), comment(2), comment(3)], 5, 'oldest'))).toEqual([
      [1, 1, []],
      [2, 1, []],
      [3, 1, []],
    ]);
  });

  it('nests replies under their parents, oldest first, one level deeper each time', () => {
    const list = [comment(1), comment(2, 1), comment(3), comment(4, 2), comment(5, 1)];
    expect(shape(buildThread(list, 5, 'oldest'))).toEqual([
      [1, 1, [
        [2, 2, [[4, 3, []]]],
        [5, 2, []],
      ]],
      [3, 1, []],
    ]);
  });

  it('shows replies beyond the depth limit at the deepest level, right after their parent', () => {
    // 1 ← 2 ← 3 ← 4 with maxDepth 2: 3 and 4 sit beside 2, after it, before 2's later sibling 5.
    const list = [comment(1), comment(2, 1), comment(5, 1), comment(3, 2), comment(4, 3)];
    expect(shape(buildThread(list, 2, 'oldest'))).toEqual([
      [1, 1, [
        [2, 2, []],
        [3, 2, []],
        [4, 2, []],
        [5, 2, []],
      ]],
    ]);
  });

  it('orders flattened replies as WordPress does: each one followed by its own replies', () => {
    // Replies to 2 arrive in the order 3, 4, then 6 (reply to 3), then 7 (reply to 2).
    const list = [comment(1), comment(2, 1), comment(9, 1), comment(3, 2), comment(4, 2), comment(6, 3), comment(7, 2)];
    const ids = buildThread(list, 2, 'oldest')[0]?.replies.map((n) => n.comment.id);
    expect(ids).toEqual([2, 3, 6, 4, 7, 9]);
  });

  it('with maxDepth 1 shows every comment at the top level in thread order', () => {
    const list = [comment(1), comment(2), comment(3, 1), comment(4, 3)];
    expect(shape(buildThread(list, 1, 'oldest'))).toEqual([
      [1, 1, []],
      [3, 1, []],
      [4, 1, []],
      [2, 1, []],
    ]);
  });

  it('makes a reply whose parent is not in the list (held, spam, deleted) a thread of its own', () => {
    const list = [comment(1), comment(3, 2), comment(4, 3)];
    expect(shape(buildThread(list, 5, 'oldest'))).toEqual([
      [1, 1, []],
      [3, 1, [[4, 2, []]]],
    ]);
  });

  it("'newest' reverses the top level only; replies stay oldest first", () => {
    const list = [comment(1), comment(2, 1), comment(3, 1), comment(4)];
    expect(shape(buildThread(list, 5, 'newest'))).toEqual([
      [4, 1, []],
      [1, 1, [
        [2, 2, []],
        [3, 2, []],
      ]],
    ]);
  });

  it('does not change the list it was given', () => {
    const list = Object.freeze([comment(1), comment(2, 1)]);
    buildThread(list, 5, 'newest');
    expect(list.map((c) => c.id)).toEqual([1, 2]);
  });
});

describe('countNodes', () => {
  it('counts every comment at every depth', () => {
    const list = [comment(1), comment(2, 1), comment(3, 2), comment(4, 3), comment(5), comment(6, 99)];
    expect(countNodes(buildThread(list, 5, 'oldest'))).toBe(6);
    expect(countNodes(buildThread(list, 2, 'oldest'))).toBe(6);
  });

  it('is 0 for an empty thread', () => {
    expect(countNodes([])).toBe(0);
  });
});

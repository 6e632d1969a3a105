// Pure subscription rules: which requests are valid, and who hears of a comment.
import { describe, expect, it } from 'vitest';
import { type Subscription, checkSubscriptionRequest, selectCommentRecipients, subscriberDigest } from './subscriptions.js';

let id = 0;
const sub = (email: string, kind: Subscription['kind'], status: Subscription['status'] = 'active'): Subscription => ({
  id: ++id, email, kind, postId: 1, status, createdAt: '2026-03-14T09:00:00.000Z', confirmedAt: null,
});

describe('checkSubscriptionRequest', () => {
  it('normalizes the address and files "posts" under post 0', () => {
    expect(checkSubscriptionRequest({ email: '  Ann@Example.TEST ', kind: 'posts', postId: 12 })).toEqual({
      ok: true, value: { email: 'ann@example.test', kind: 'posts', postId: 0 },
    });
  });

  it.each([
    [{ email: 'no-at-sign', kind: 'comments', postId: 1 }],
    [{ email: `${'a'.repeat(95)}@example.test`, kind: 'comments', postId: 1 }],
    [{ email: 'ann@example.test', kind: 'everything', postId: 1 }],
    [{ email: 'ann@example.test', kind: 'comments', postId: 0 }],
    [{ email: 'ann@example.test', kind: 'replies', postId: 1.5 }],
  ] as const)('refuses %j', (input) => {
    expect(checkSubscriptionRequest(input as never).ok).toBe(false);
  });
});

describe('selectCommentRecipients', () => {
  const all = sub('all@example.test', 'comments');
  const parent = sub('parent@example.test', 'replies');
  const stranger = sub('stranger@example.test', 'replies');
  const pending = sub('pending@example.test', 'comments', 'pending');

  it('gives every "comments" subscriber and the "replies" subscriber who wrote the direct parent', () => {
    const chosen = selectCommentRecipients([all, parent, stranger, pending], { authorEmail: 'writer@example.test', parentAuthorEmail: 'Parent@Example.test' });
    expect(chosen.map((s) => s.email)).toEqual(['all@example.test', 'parent@example.test']);
  });

  it('gives no "replies" subscriber a top-level comment', () => {
    expect(selectCommentRecipients([parent, stranger], { authorEmail: 'writer@example.test', parentAuthorEmail: '' })).toEqual([]);
  });

  it('never gives the comment\'s own author', () => {
    expect(selectCommentRecipients([all, parent], { authorEmail: 'ALL@example.test', parentAuthorEmail: 'all@example.test' }).map((s) => s.email)).toEqual([]);
  });

  it('mails an address once, as a reply when it follows both ways', () => {
    const both = [sub('both@example.test', 'comments'), sub('both@example.test', 'replies')];
    const chosen = selectCommentRecipients(both, { authorEmail: 'w@example.test', parentAuthorEmail: 'both@example.test' });
    expect(chosen.map((s) => s.kind)).toEqual(['replies']);
  });
});

describe('subscriberDigest', () => {
  it('is the same for one address however it is written, and differs between addresses', () => {
    expect(subscriberDigest(' Ann@Example.test')).toBe(subscriberDigest('ann@example.test'));
    expect(subscriberDigest('ann@example.test')).not.toBe(subscriberDigest('bob@example.test'));
    expect(subscriberDigest('ann@example.test')).not.toContain('ann');
  });
});

// The pure rules of comment drafts: what a draft may be, and what counts as a draft id.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { DRAFT_MAX_CHARACTERS, isDraftId, validateDraft } from './comment-drafts.js';

function refusal(body: unknown): { code: string; fields: Record<string, string> } {
  try {
    validateDraft(body);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { code: error.code, fields: (error.details?.fields ?? {}) as Record<string, string> };
  }
  throw new Error('the draft was accepted');
}

describe('validateDraft', () => {
  it('keeps the text exactly as typed, with its post and the comment it answers', () => {
    expect(validateDraft({ postId: 7, parentId: 12, text: '  Two\nlines  ' })).toEqual({ postId: 7, parentId: 12, text: '  Two\nlines  ' });
  });

  it('takes null, 0 or nothing as "no reply"', () => {
    for (const parentId of [null, 0, undefined]) expect(validateDraft({ postId: 1, parentId, text: 'x' }).parentId).toBeNull();
  });

  it('names every field at fault', () => {
    expect(refusal({ postId: '7', parentId: 1.5, text: ' ' })).toEqual({
      code: 'COMMENT_DRAFT_INVALID', fields: { postId: expect.any(String), parentId: expect.any(String), text: expect.any(String) },
    });
    expect(refusal(null).fields).toHaveProperty('postId');
    expect(refusal([{ postId: 1, text: 'x' }]).fields).toHaveProperty('text');
    expect(refusal({ postId: 2 ** 31, text: 'x' }).fields).toHaveProperty('postId');
    expect(refusal({ postId: 1, text: 'nul\u0000' }).fields).toHaveProperty('text');
  });

  it('accepts a comment\'s full length in characters (not UTF-16 units) and refuses one more as too long', () => {
    expect(validateDraft({ postId: 1, text: '😀'.repeat(DRAFT_MAX_CHARACTERS) }).text).toHaveLength(DRAFT_MAX_CHARACTERS * 2);
    expect(refusal({ postId: 1, text: 'a'.repeat(DRAFT_MAX_CHARACTERS + 1) }).code).toBe('COMMENT_DRAFT_TOO_LONG');
  });
});

describe('isDraftId', () => {
  it('is what randomToken() makes, and nothing else', () => {
    expect(isDraftId('A'.repeat(43))).toBe(true);
    expect(isDraftId('A'.repeat(42))).toBe(false);
    expect(isDraftId(`${'A'.repeat(42)};`)).toBe(false);
    expect(isDraftId(undefined)).toBe(false);
  });
});

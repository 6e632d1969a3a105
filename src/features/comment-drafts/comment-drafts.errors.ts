// The comment-drafts feature's refusals.
import { AppError } from '../../kernel/errors.js';

export function draftInvalid(fields: Readonly<Record<string, string>>): AppError {
  return new AppError({
    code: 'COMMENT_DRAFT_INVALID',
    kind: 'invalid',
    message: 'The draft could not be kept: it needs the post it belongs to and some text.',
    details: { fields },
  });
}

export function draftTooLong(max: number): AppError {
  return new AppError({
    code: 'COMMENT_DRAFT_TOO_LONG',
    kind: 'too_large',
    message: `The draft is longer than a comment may be (${max.toLocaleString('en')} characters), so it was not kept.`,
  });
}

export function draftPostNotFound(): AppError {
  return new AppError({ code: 'COMMENT_POST_NOT_FOUND', kind: 'not_found', message: 'There is no published post to comment on here.' });
}

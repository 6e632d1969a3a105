// The comments feature's refusals.
import { AppError } from '../../kernel/errors.js';

export function commentNotFound(): AppError {
  return new AppError({ code: 'COMMENT_NOT_FOUND', kind: 'not_found', message: 'There is no such comment. It may have been deleted already.' });
}

export function commentsClosed(): AppError {
  return new AppError({ code: 'COMMENTS_CLOSED', kind: 'forbidden', message: 'Comments are closed on this post.' });
}

export function commentPostNotFound(): AppError {
  return new AppError({ code: 'COMMENT_POST_NOT_FOUND', kind: 'not_found', message: 'There is no published post to comment on here.' });
}

export function commentParentInvalid(): AppError {
  return new AppError({
    code: 'COMMENT_PARENT_INVALID',
    kind: 'invalid',
    message: 'The comment you are replying to is not on this post any more. Post your comment as a new one.',
  });
}

export function commentSignInRequired(): AppError {
  return new AppError({ code: 'COMMENT_SIGN_IN_REQUIRED', kind: 'unauthenticated', message: 'You must be logged in to post a comment.' });
}

export function commentLooksAutomated(): AppError {
  return new AppError({
    code: 'COMMENT_REJECTED',
    kind: 'invalid',
    message: 'Your comment looks like it was sent by a program. If you are a person, leave the field marked "Leave this empty" empty and send it again.',
  });
}

export function commentTooFast(retryAfterSeconds: number): AppError {
  return new AppError({
    code: 'COMMENT_TOO_FAST',
    kind: 'rate_limited',
    message: 'That was quick! Read your comment over for a few seconds, then send it again.',
    details: { retryAfter: retryAfterSeconds },
  });
}

export function commenterBanned(): AppError {
  return new AppError({
    code: 'COMMENT_AUTHOR_BANNED',
    kind: 'forbidden',
    message: 'Comments from you are not accepted on this site. Contact the site owner if you think this is a mistake.',
  });
}

export function commentRateLimited(retryAfterSeconds: number): AppError {
  return new AppError({
    code: 'COMMENT_RATE_LIMITED',
    kind: 'rate_limited',
    message: 'Too many comments are arriving right now. Wait a little and send yours again.',
    details: { retryAfter: retryAfterSeconds },
  });
}

export function commentFlood(retryAfterSeconds: number): AppError {
  return new AppError({
    code: 'COMMENT_FLOOD',
    kind: 'rate_limited',
    message: 'You are posting comments too quickly. Slow down.',
    details: { retryAfter: retryAfterSeconds },
  });
}

export function commentDuplicate(): AppError {
  return new AppError({
    code: 'COMMENT_DUPLICATE',
    kind: 'conflict',
    message: "Duplicate comment detected; it looks as though you've already said that!",
  });
}

// The comments feature's refusals.
import { AppError } from '../../kernel/errors.js';

export function commentNotFound(): AppError {
  return new AppError({ code: 'COMMENT_NOT_FOUND', kind: 'not_found', message: 'There is no such comment. It may have been deleted already.' });
}

// The subscriptions feature's refusals.
import { AppError } from '../../kernel/errors.js';

export function subscriptionInvalid(problem: string): AppError {
  return new AppError({ code: 'SUBSCRIPTION_INVALID', kind: 'invalid', message: problem, details: { fields: { email: problem } } });
}

export function subscriptionNotFound(): AppError {
  return new AppError({
    code: 'SUBSCRIPTION_NOT_FOUND',
    kind: 'not_found',
    message: 'This subscription no longer exists: it was cancelled or erased. Subscribe again from the comment form under the post.',
  });
}

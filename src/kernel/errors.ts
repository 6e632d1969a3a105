// The one error type every layer throws; http/errors.ts alone turns it into a response.

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface AppErrorInit {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(init: AppErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'AppError';
    this.code = init.code;
    this.kind = init.kind;
    this.details = init.details;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function invalidInput(code: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError({ code, kind: 'invalid', message, details });
}

export function notFound(code: string, message: string): AppError {
  return new AppError({ code, kind: 'not_found', message });
}

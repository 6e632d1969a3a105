// Why an import or export was refused. Refusals of the file are 'unsupported' (the CLI exits 1); bad flags 'invalid' (exit 2).
import { AppError } from '../../kernel/errors.js';

export function notWxr(reason: string): AppError {
  return new AppError({ code: 'WXR_NOT_WXR', kind: 'unsupported', message: `This is not a WordPress export (WXR) file: ${reason}. Nothing was imported.` });
}

export function malformedWxr(detail: string): AppError {
  return new AppError({
    code: 'WXR_MALFORMED',
    kind: 'unsupported',
    message: `This file is not well-formed XML (${detail}); it may be truncated or damaged. Nothing was imported.`,
  });
}

export function entitiesDeclared(): AppError {
  return new AppError({
    code: 'WXR_ENTITIES',
    kind: 'unsupported',
    message: 'This file declares XML entities, which a WordPress export never does. Nothing was imported.',
  });
}

export function externalEntity(): AppError {
  return new AppError({
    code: 'WXR_EXTERNAL_ENTITY',
    kind: 'unsupported',
    message: 'This file refers to an external entity or DTD (SYSTEM or PUBLIC), which a WordPress export never does; nothing was read from it and nothing was imported.',
  });
}

export function doctypeDeclared(): AppError {
  return new AppError({
    code: 'WXR_DOCTYPE',
    kind: 'unsupported',
    message: 'This file has a DOCTYPE declaration, which a WordPress export never has. Nothing was imported.',
  });
}

export function wxrFileUnreadable(file: string, reason: string): AppError {
  return new AppError({ code: 'WXR_FILE_UNREADABLE', kind: 'not_found', message: `Cannot read ${file}: ${reason}.` });
}

export function unknownDefaultAuthor(login: string): AppError {
  return new AppError({
    code: 'WXR_UNKNOWN_AUTHOR',
    kind: 'invalid',
    message: `There is no account with the login "${login}" to give the posts of unknown authors to.`,
    details: { fields: { 'default-author': 'the login of an existing account' } },
  });
}

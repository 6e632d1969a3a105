// The media feature's refusals, each with a message a writer can act on.
import { AppError, invalidInput, notFound } from '../../kernel/errors.js';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function mediaNotFound(): AppError {
  return notFound('MEDIA_NOT_FOUND', 'No media item has this id.');
}

/** `size` when it is known (Content-Length), else undefined: the upload was stopped as soon as it passed the limit. */
export function mediaTooLarge(limitBytes: number, size?: number): AppError {
  const message = size === undefined
    ? `The file is larger than ${megabytes(limitBytes)}, the limit.`
    : `The file is ${megabytes(size)}; the limit is ${megabytes(limitBytes)}.`;
  return new AppError({ code: 'MEDIA_TOO_LARGE', kind: 'too_large', message, details: { limitBytes } });
}

export function mediaEmpty(): AppError {
  return invalidInput('MEDIA_EMPTY', 'The file is empty: choose a file with something in it.');
}

export function mediaTypeRefused(what: string): AppError {
  return new AppError({
    code: 'MEDIA_TYPE_REFUSED',
    kind: 'unsupported',
    message: `This file is not an image: its content is ${what}. Upload JPEG, PNG, GIF, WebP or AVIF images, or PDF documents.`,
  });
}

export function mediaCorrupt(cause: unknown): AppError {
  return new AppError({
    code: 'MEDIA_CORRUPT',
    kind: 'invalid',
    message: 'This image could not be read: the file is damaged or incomplete. Export it again and upload the new file.',
    cause,
  });
}

export function mediaForbidden(message: string): AppError {
  return new AppError({ code: 'MEDIA_FORBIDDEN', kind: 'forbidden', message });
}

export function mediaInvalid(fields: Record<string, string>): AppError {
  return invalidInput('MEDIA_INVALID', 'The media item was not saved: correct the fields shown.', { fields });
}

export function mediaFileMissing(): AppError {
  return invalidInput('MEDIA_FILE_MISSING', 'Choose a file to upload.');
}

/** A picture whose pixels would take gigabytes to decode (a "decompression bomb", or a huge scan). */
export function mediaTooManyPixels(cause: unknown): AppError {
  return new AppError({
    code: 'MEDIA_TOO_MANY_PIXELS',
    kind: 'too_large',
    message: 'This image has too many pixels to process (the limit is 268 megapixels, about 16,000 × 16,000). Resize it and upload it again.',
    cause,
  });
}

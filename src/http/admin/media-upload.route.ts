// Uploads into the media library: the no-script form (multipart, answered with a page) and the script's one file
// as the request body (answered with JSON), both through the same service; and the picker's JSON list.
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Media, mediaFileMissing } from '../../features/media/index.js';
import type { User } from '../../features/users/index.js';
import { type AppError, isAppError } from '../../kernel/errors.js';
import { renderMediaLibrary } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { MEDIA_PATHS, presentLibrary, presentMediaJson, readLibraryQuery } from './media.present.js';

const UPLOAD = { access: { capability: 'upload_files' } } as const;
const UPLOAD_API = { access: { capability: 'upload_files' }, surface: 'api' } as const;
/** A multipart body is its file plus boundaries and a few small fields. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The file name a Content-Disposition header gives (RFC 6266: filename* in UTF-8 wins over filename). */
export function dispositionFileName(header: string | undefined): string {
  if (!header) return '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A broken %-escape: fall back to the plain filename parameter.
    }
  }
  return /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header)?.slice(1).find((v) => v !== undefined)?.replace(/\\(.)/g, '$1').trim() ?? '';
}

function declaredLength(request: FastifyRequest): number | undefined {
  const length = Number(request.headers['content-length']);
  return Number.isFinite(length) && length >= 0 ? length : undefined;
}

/** The media refusals the upload form shows beside its file field; anything else goes to the error funnel. */
function isUploadRefusal(error: unknown): error is AppError {
  return isAppError(error) && error.code.startsWith('MEDIA_') && error.code !== 'MEDIA_FORBIDDEN';
}

/** A refused upload may still be arriving: the connection is closed rather than read to its end. */
function closeAfter(reply: FastifyReply, error: AppError): void {
  if (error.code === 'MEDIA_TOO_LARGE') reply.header('Connection', 'close');
}

export function registerMediaUploadRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { media } = deps.services;

  /** Reads the form's parts in order: the CSRF token is checked before a byte of the file is stored. */
  async function uploadFromForm(request: FastifyRequest, author: User): Promise<Media> {
    if (!request.isMultipart()) {
      deps.csrf.verify(request, (request.body as Record<string, unknown> | undefined)?._csrf);
      throw mediaFileMissing();
    }
    const limit = await media.uploadLimitBytes();
    const length = declaredLength(request);
    const fields: Record<string, string> = {};
    let stored: Media | undefined;
    for await (const part of request.parts({ limits: { fileSize: limit + 1, files: 1, fields: 5, fieldSize: 1024, parts: 8 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname !== 'file' || stored) {
        part.file.resume();
      } else {
        deps.csrf.verify(request, fields._csrf);
        if (!part.filename) throw mediaFileMissing();
        // Content-Length counts the whole form: only a body far above the limit is refused before reading.
        const declaredSize = length !== undefined && length > limit + MULTIPART_OVERHEAD ? length : undefined;
        stored = await media.upload({ content: part.file, originalName: part.filename, declaredSize }, author);
      }
    }
    deps.csrf.verify(request, fields._csrf);
    if (!stored) throw mediaFileMissing();
    return stored;
  }

  async function library(request: FastifyRequest, reply: FastifyReply, user: User, error: AppError) {
    const query = readLibraryQuery({});
    const [list, limitBytes] = await Promise.all([media.list({ page: 1 }), media.uploadLimitBytes()]);
    const vm = presentLibrary(list, query, { csrfToken: deps.csrf.tokenFor(request, reply), limitBytes, notice: null, error: error.message });
    closeAfter(reply, error);
    return sendAdminPage(deps, request, reply, { pageTitle: 'Media Library', user, section: 'media', scripts: ['media-picker.js'] }, renderMediaLibrary(vm), statusOf(error.kind));
  }

  app.register(async (scope) => {
    // Any size: the service counts the bytes against the site's limit as they arrive.
    await scope.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024 } });
    // The script sends the file itself as the body, whatever its type (JSON and text files too): handed on as a
    // stream, never buffered here; the service sniffs what it is.
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.post(MEDIA_PATHS.library, { config: UPLOAD }, async (request, reply) => {
      const user = await requireUser(request, deps.services);
      try {
        const stored = await uploadFromForm(request, user);
        request.log.info({ userId: user.id, mediaId: stored.id }, 'media uploaded');
        return markAdminResponse(reply).redirect(`${MEDIA_PATHS.item(stored.id)}?uploaded=1`, 303);
      } catch (error) {
        if (!isUploadRefusal(error)) throw error;
        return library(request, reply, user, error);
      }
    });

    scope.post(MEDIA_PATHS.upload, { config: UPLOAD_API }, async (request, reply) => {
      const user = await requireUser(request, deps.services);
      deps.csrf.verify(request, request.headers['x-csrf-token']);
      const body = request.body as Readable | undefined;
      if (!body || typeof body.pipe !== 'function') throw mediaFileMissing();
      const originalName = dispositionFileName(request.headers['content-disposition']);
      try {
        const stored = await media.upload({ content: body, originalName, declaredSize: declaredLength(request) }, user);
        request.log.info({ userId: user.id, mediaId: stored.id }, 'media uploaded');
        return markAdminResponse(reply).status(201).send(presentMediaJson(stored));
      } catch (error) {
        if (isAppError(error)) closeAfter(reply, error);
        throw error;
      }
    });
  });

  app.get<{ Querystring: Readonly<Record<string, unknown>> }>(MEDIA_PATHS.json, { config: UPLOAD_API }, async (request, reply) => {
    const query = readLibraryQuery(request.query);
    const list = await media.list({ kind: query.kind, search: query.search, page: query.page, perPage: 24 });
    return markAdminResponse(reply).send({ items: list.items.map(presentMediaJson), page: list.page, pages: list.pages, total: list.total });
  });
}

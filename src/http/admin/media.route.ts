// /admin/media: the media library (search, type filter, pages), one item's page (describe it, copy its addresses
// and Markdown) and its deletion (a confirmation page, then POST). Uploads are in media-upload.route.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Media, type MediaChanges, canDeleteMedia, isImageType, mediaForbidden, mediaNotFound } from '../../features/media/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { renderMediaDelete, renderMediaItem, renderMediaLibrary } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { registerMediaUploadRoutes } from './media-upload.route.js';
import { MEDIA_PATHS, presentLibrary, presentMediaItem, readLibraryQuery, readMediaForm, thumbnailOf } from './media.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';

type Fields = Readonly<Record<string, unknown>>;
type ItemParams = { Params: { id: string } };

const UPLOAD = { access: { capability: 'upload_files' } } as const;

const NOTICES: Readonly<Record<string, string>> = { uploaded: 'File uploaded.', updated: 'Media item updated.', deleted: 'Media item deleted.' };

function noticeOf(query: Fields): string | null {
  const key = Object.keys(NOTICES).find((name) => query[name] === '1');
  return key ? (NOTICES[key] ?? null) : null;
}

export function registerMediaRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { media } = deps.services;

  /** The item named in the address; 404 for anything that is not the id of an item. */
  async function itemOf(request: FastifyRequest<ItemParams>): Promise<Media> {
    const id = /^[1-9]\d{0,9}$/.test(request.params.id) ? Number(request.params.id) : undefined;
    const item = id === undefined ? undefined : await media.findById(id);
    if (!item) throw mediaNotFound();
    return item;
  }

  async function itemPage(
    request: FastifyRequest, reply: FastifyReply, user: User, item: Media,
    state: { form?: MediaChanges; errors?: Readonly<Record<string, string>>; notice: string | null }, status = 200,
  ) {
    const settings = await deps.services.settings.get();
    const vm = presentMediaItem(item, user, { ...state, csrfToken: deps.csrf.tokenFor(request, reply), language: settings.language, timeZone: settings.timezone });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Edit Media', user, section: 'media' }, renderMediaItem(vm), status);
  }

  app.get<{ Querystring: Fields }>(MEDIA_PATHS.library, { config: UPLOAD }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const query = readLibraryQuery(request.query);
    const [list, limitBytes] = await Promise.all([media.list({ kind: query.kind, search: query.search, page: query.page }), media.uploadLimitBytes()]);
    const vm = presentLibrary(list, query, { csrfToken: deps.csrf.tokenFor(request, reply), limitBytes, notice: noticeOf(request.query), error: null });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Media Library', user, section: 'media', scripts: ['media-picker.js'] }, renderMediaLibrary(vm));
  });

  app.get<ItemParams & { Querystring: Fields }>(`${MEDIA_PATHS.library}/:id`, { config: UPLOAD }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    return itemPage(request, reply, user, await itemOf(request), { notice: noticeOf(request.query) });
  });

  app.post<ItemParams & { Body: Fields }>(`${MEDIA_PATHS.library}/:id`, { config: UPLOAD }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const item = await itemOf(request);
    const form = readMediaForm(body);
    try {
      await media.update(item.id, { ...form, altText: isImageType(item.mimeType) ? form.altText : undefined }, user);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'MEDIA_INVALID') throw error;
      const errors = (error.details?.fields ?? {}) as Record<string, string>;
      return itemPage(request, reply, user, item, { form, errors, notice: null }, 400);
    }
    return markAdminResponse(reply).redirect(`${MEDIA_PATHS.item(item.id)}?updated=1`, 303);
  });

  app.get<ItemParams>(`${MEDIA_PATHS.library}/:id/delete`, { config: UPLOAD }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const item = await itemOf(request);
    if (!canDeleteMedia(user, item)) throw mediaForbidden('Your role does not allow you to delete media uploaded by someone else.');
    const main = renderMediaDelete({
      heading: 'Delete Media', title: item.title || item.originalName, thumbnailUrl: thumbnailOf(item),
      action: MEDIA_PATHS.remove(item.id), csrfToken: deps.csrf.tokenFor(request, reply), cancelHref: MEDIA_PATHS.item(item.id),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Delete Media', user, section: 'media' }, main);
  });

  app.post<ItemParams & { Body: Fields }>(`${MEDIA_PATHS.library}/:id/delete`, { config: UPLOAD }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    deps.csrf.verify(request, (request.body ?? {})._csrf);
    const item = await itemOf(request);
    await media.remove(item.id, user);
    request.log.info({ userId: user.id, mediaId: item.id }, 'media deleted');
    return markAdminResponse(reply).redirect(`${MEDIA_PATHS.library}?deleted=1`, 303);
  });

  registerMediaUploadRoutes(app, deps);
}

// /wp/v2/media: the media library as WordPress lists attachments, and uploads (media.upload.ts). Items are as public
// as their files, which /uploads serves to anyone; the edit context is for their editors.
import { type Media, canEditMedia, canUploadMedia } from '../../features/media/index.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { collectionResponse } from './collection.js';
import { apiUrl, siteUrl } from './links.js';
import { type MediaAddresses, type MediaContext, presentMedia } from './media.present.js';
import { registerMediaUpload } from './media.upload.js';
import { wpError } from './wp-error.js';

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

const LIST_ARGS: ArgSpecs = {
  context: CONTEXT,
  page: { type: 'integer', default: 1, minimum: 1, description: 'Current page of the collection.' },
  per_page: { type: 'integer', default: 10, minimum: 1, maximum: 100, description: 'Maximum number of items to be returned in result set.' },
  search: { type: 'string', description: 'Limit results to those matching a string.' },
  media_type: { type: 'string', enum: ['image', 'application'], description: 'Limit result set to attachments of a particular media type (Quire keeps images and PDF documents).' },
};

const mediaNotFound = () => wpError('rest_post_invalid_id', 'Invalid post ID.', 404);

export function registerMediaRoutes(api: WpApi): void {
  const { media, settings } = api.deps.services;

  async function addresses(): Promise<MediaAddresses> {
    return { api: (route) => apiUrl(api.deps, route), site: siteUrl(api.deps), timezone: (await settings.get()).timezone };
  }

  async function list(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const context = (args.string('context') ?? 'view') as MediaContext;
    if (context === 'edit' && !(caller && canUploadMedia(caller))) {
      throw permissionRefusal(caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit posts in this post type.');
    }
    const type = args.string('media_type');
    const page = args.integer('page') ?? 1;
    const perPage = args.integer('per_page') ?? 10;
    const found = await media.list({ page, perPage, search: args.string('search'), ...(type ? { kind: type === 'image' ? 'image' : 'document' } : {}) });
    // The feature answers a page past the last with the last page: WordPress refuses it (collectionResponse).
    const items: readonly Media[] = found.page === page ? found.items : [];
    const at = await addresses();
    const shown = items.map((item) => presentMedia(item, context === 'edit' && caller && !canEditMedia(caller, item) ? 'view' : context, at));
    return collectionResponse(api.deps, request, { page, perPage, offset: (page - 1) * perPage }, found.total, shown);
  }

  async function one(request: WpRequest): Promise<WpResponse> {
    const { args, caller } = request;
    const item = await media.findById(args.integer('id') ?? 0);
    if (!item) throw mediaNotFound();
    const context = (args.string('context') ?? 'view') as MediaContext;
    if (context === 'edit' && !(caller && canEditMedia(caller, item))) {
      throw permissionRefusal(caller, 'rest_forbidden_context', 'Sorry, you are not allowed to edit this post.');
    }
    return { body: presentMedia(item, context, await addresses()) };
  }

  api.route('/wp/v2/media', { methods: ['GET'], args: LIST_ARGS, handler: list });
  api.route('/wp/v2/media/:id', { methods: ['GET'], args: { id: { type: 'integer', description: 'Unique identifier for the post.' }, context: CONTEXT }, handler: one });
  registerMediaUpload(api);
}

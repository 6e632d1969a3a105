// POST /wp/v2/media: an upload as WordPress clients send it, the file itself as the body with its type and
// `Content-Disposition: attachment; filename=…`, streamed to the media feature (which sniffs, limits and resizes),
// then the item's title, alt text, caption and description from the arguments.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ACCEPTED_TYPES, type MediaChanges, canUploadMedia } from '../../features/media/index.js';
import type { WpApi, WpRequest, WpResponse } from './api.js';
import type { ArgSpecs } from './args.js';
import { permissionRefusal } from './caller.js';
import { apiUrl, siteUrl } from './links.js';
import { presentMedia } from './media.present.js';
import { wpError } from './wp-error.js';

/** The types an upload may be sent as: those the media feature keeps, and the generic binary type. */
const UPLOAD_TYPES = [...Object.keys(ACCEPTED_TYPES), 'application/octet-stream'];

/** Hands upload bodies on as streams, never buffered here: the media feature counts their bytes against the site's limit. */
export function acceptMediaUploads(scope: FastifyInstance): void {
  scope.addContentTypeParser(UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
}

const UPLOAD_ARGS: ArgSpecs = {
  title: { type: 'string', description: 'The title for the object.' },
  alt_text: { type: 'string', description: 'Alternative text to display when attachment is not displayed.' },
  caption: { type: 'string', description: 'The attachment caption.' },
  description: { type: 'string', description: 'The attachment description.' },
  post: { type: 'integer', minimum: 0, description: 'The ID for the associated post of the attachment.' },
};

/** The file name of `Content-Disposition` (RFC 6266: filename*=UTF-8''…, else filename="…" or a bare token). */
function fileNameOf(header: unknown): string {
  if (typeof header !== 'string') return '';
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A broken %-escape: the plain parameter below.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  return (plain?.[1] ?? plain?.[2] ?? '').replace(/\\(.)/g, '$1').trim();
}

const isStream = (body: unknown): body is Readable => typeof (body as Readable | undefined)?.pipe === 'function';

export function registerMediaUpload(api: WpApi): void {
  const { media, settings } = api.deps.services;

  async function upload(request: WpRequest): Promise<WpResponse> {
    const { args, caller, http } = request;
    if (!caller || !canUploadMedia(caller)) throw permissionRefusal(caller, 'rest_cannot_create', 'Sorry, you are not allowed to upload media on this site.');
    if (!http || !isStream(http.body)) throw wpError('rest_upload_no_data', 'No data supplied: send the file itself as the body, with its Content-Type.', 400);
    const originalName = fileNameOf(http.headers['content-disposition']);
    if (originalName === '') throw wpError('rest_upload_no_content_disposition', 'No Content-Disposition supplied.', 400);
    const length = Number(http.headers['content-length']);
    const stored = await media.upload({
      content: http.body, originalName, postId: args.integer('post') || null, ...(Number.isFinite(length) && length >= 0 ? { declaredSize: length } : {}),
    }, caller);
    const changes: MediaChanges = {
      ...(args.has('title') ? { title: args.string('title') } : {}),
      ...(args.has('alt_text') ? { altText: args.string('alt_text') } : {}),
      ...(args.has('caption') ? { caption: args.string('caption') } : {}),
      ...(args.has('description') ? { description: args.string('description') } : {}),
    };
    const item = Object.keys(changes).length > 0 ? await media.update(stored.id, changes, caller) : stored;
    const at = { api: (route: string) => apiUrl(api.deps, route), site: siteUrl(api.deps), timezone: (await settings.get()).timezone };
    return { status: 201, body: presentMedia(item, 'edit', at), headers: { Location: apiUrl(api.deps, `/wp/v2/media/${item.id}`) } };
  }

  api.route('/wp/v2/media', { methods: ['POST'], args: UPLOAD_ARGS, handler: upload });
}

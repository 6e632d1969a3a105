// A media item as WordPress 6.1's REST API shows an attachment (WP_REST_Attachments_Controller): source_url,
// media_type, mime_type, media_details with every size, alt text, caption and description, by context.
import { type Media, isImageType, mediaUrl, uploadUrl } from '../../features/media/index.js';
import { escapeHtml } from '../../kernel/html.js';
import { slugify } from '../../kernel/slug.js';
import { localDateTimeOf } from '../../kernel/time.js';
import { CURIES, type Links } from './links.js';

export type MediaContext = 'view' | 'embed' | 'edit';

export interface MediaAddresses {
  readonly api: (route: string) => string;
  /** The site's origin: uploads are served at /uploads/…. */
  readonly site: string;
  readonly timezone: string;
}

const gmt = (iso: string) => new Date(iso).toISOString().slice(0, 19);
const baseName = (filePath: string) => filePath.split('/').pop() ?? filePath;
/** Plain text as WordPress renders a paragraph of it (caption, description): escaped, in <p>, or nothing. */
const paragraph = (text: string) => (text.trim() === '' ? '' : `<p>${escapeHtml(text)}</p>\n`);

function mediaDetails(media: Media, at: MediaAddresses): Record<string, unknown> {
  if (!isImageType(media.mimeType)) return { filesize: media.sizeBytes, sizes: {} };
  const sizes: Record<string, unknown> = {};
  for (const variant of media.variants) {
    sizes[variant.name] = {
      file: baseName(variant.filePath), width: variant.width, height: variant.height, filesize: variant.sizeBytes,
      mime_type: variant.mimeType, source_url: uploadUrl(variant.filePath, at.site),
    };
  }
  sizes.full = {
    file: media.filePath ? baseName(media.filePath) : media.originalName, width: media.width ?? 0, height: media.height ?? 0,
    mime_type: media.mimeType, source_url: mediaUrl(media, at.site),
  };
  return { width: media.width ?? 0, height: media.height ?? 0, file: media.filePath ?? '', filesize: media.sizeBytes, sizes, image_meta: {} };
}

function mediaLinks(media: Media, at: MediaAddresses): Links {
  return {
    self: [{ href: at.api(`/wp/v2/media/${media.id}`) }],
    collection: [{ href: at.api('/wp/v2/media') }],
    about: [{ href: at.api('/wp/v2/types/attachment') }],
    author: [{ embeddable: true, href: at.api(`/wp/v2/users/${media.authorId}`) }],
    curies: CURIES,
  };
}

export function presentMedia(media: Media, context: MediaContext, at: MediaAddresses): Record<string, unknown> {
  const source = mediaUrl(media, at.site);
  const title = { rendered: escapeHtml(media.title), ...(context === 'edit' ? { raw: media.title } : {}) };
  const caption = { rendered: paragraph(media.caption), ...(context === 'edit' ? { raw: media.caption } : {}) };
  const common = {
    id: media.id,
    date: localDateTimeOf(new Date(media.createdAt), at.timezone),
    slug: slugify(media.title) || `media-${media.id}`,
    type: 'attachment',
    // Quire has no attachment pages: the file is the item's page.
    link: source,
    title,
    author: media.authorId,
  };
  const file = {
    alt_text: media.altText,
    media_type: isImageType(media.mimeType) ? 'image' : 'file',
    mime_type: media.mimeType,
    media_details: mediaDetails(media, at),
  };
  if (context === 'embed') return { ...common, caption, ...file, source_url: source, _links: mediaLinks(media, at) };
  return {
    id: common.id,
    date: common.date,
    date_gmt: gmt(media.createdAt),
    guid: { rendered: source, ...(context === 'edit' ? { raw: source } : {}) },
    modified: localDateTimeOf(new Date(media.updatedAt), at.timezone),
    modified_gmt: gmt(media.updatedAt),
    slug: common.slug,
    status: 'inherit',
    type: 'attachment',
    link: source,
    title,
    author: media.authorId,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    description: { rendered: paragraph(media.description), ...(context === 'edit' ? { raw: media.description } : {}) },
    caption,
    ...file,
    post: media.postId,
    source_url: source,
    _links: mediaLinks(media, at),
  };
}

// Turns media items into the staff screens' view models and the picker's JSON: every field shown is chosen here.
import {
  ACCEPTED_TYPES, type Media, type MediaChanges, type MediaKind, type MediaPage, canDeleteMedia, canEditMedia, imageSrcset,
  isImageType, markdownFor, mediaUrl, thumbnailUrl, uploadUrl,
} from '../../features/media/index.js';
import type { User } from '../../features/users/index.js';
import type { FieldVM, MediaCardVM, MediaItemVM, MediaLibraryVM } from '../../../themes/default/index.js';
import { ADMIN_PATHS, formatWhen } from './present.js';

export const MEDIA_PATHS = {
  library: ADMIN_PATHS.media,
  json: `${ADMIN_PATHS.media}.json`,
  upload: `${ADMIN_PATHS.media}/upload`,
  item: (id: number) => `${ADMIN_PATHS.media}/${id}`,
  remove: (id: number) => `${ADMIN_PATHS.media}/${id}/delete`,
} as const;

const TYPE_LABELS: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/webp': 'WebP', 'image/avif': 'AVIF', 'application/pdf': 'PDF',
};

export interface LibraryQuery {
  readonly kind: MediaKind | undefined;
  readonly search: string;
  readonly page: number;
}

/** The library's own address for a query: page 1 of everything is plain /admin/media. */
export function libraryHref(query: LibraryQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.search) params.set('s', query.search);
  if (query.kind) params.set('type', query.kind);
  if (page > 1) params.set('paged', String(page));
  const text = params.toString();
  return text ? `${MEDIA_PATHS.library}?${text}` : MEDIA_PATHS.library;
}

export function readLibraryQuery(query: Readonly<Record<string, unknown>>): LibraryQuery {
  const type = query.type;
  const page = Number(query.paged ?? query.page);
  return {
    kind: type === 'image' || type === 'document' ? type : undefined,
    search: typeof query.s === 'string' ? query.s.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 100) : '',
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : 1,
  };
}

export function uploadHint(limitBytes: number): string {
  return `JPEG, PNG, GIF, WebP or AVIF images, or PDF documents, up to ${Math.round(limitBytes / (1024 * 1024))} MB.`;
}

function fileNameOf(media: Media): string {
  return media.filePath?.split('/').pop() ?? media.originalName;
}

export function thumbnailOf(media: Media): string | null {
  return thumbnailUrl(media) ?? null;
}

function presentCard(media: Media): MediaCardVM {
  return {
    href: MEDIA_PATHS.item(media.id),
    title: media.title,
    fileName: fileNameOf(media),
    typeLabel: TYPE_LABELS[media.mimeType] ?? media.mimeType,
    thumbnailUrl: thumbnailOf(media),
    markdown: markdownFor(media),
  };
}

export function presentLibrary(
  list: MediaPage, query: LibraryQuery, form: { csrfToken: string; limitBytes: number; notice: string | null; error: string | null },
): MediaLibraryVM {
  return {
    heading: 'Media Library',
    notice: form.notice,
    csrfToken: form.csrfToken,
    upload: {
      action: MEDIA_PATHS.library, scriptAction: MEDIA_PATHS.upload, hint: uploadHint(form.limitBytes),
      accept: Object.keys(ACCEPTED_TYPES).join(','), error: form.error,
    },
    filter: {
      action: MEDIA_PATHS.library, search: query.search, type: query.kind ?? '',
      typeOptions: [{ value: '', label: 'All media items' }, { value: 'image', label: 'Images' }, { value: 'document', label: 'Documents' }],
    },
    items: list.items.map(presentCard),
    total: list.total,
    pagination: {
      page: list.page, pages: list.pages,
      previousHref: list.page > 1 ? libraryHref(query, list.page - 1) : null,
      nextHref: list.page < list.pages ? libraryHref(query, list.page + 1) : null,
    },
  };
}

/** The details a form sent; a field it did not send is left as it is. */
export function readMediaForm(body: Readonly<Record<string, unknown>>): MediaChanges {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { title: text(body.title), altText: text(body.alt_text), caption: text(body.caption), description: text(body.description) };
}

function mediaFields(media: Media, sent: MediaChanges, errors: Readonly<Record<string, string>>): FieldVM[] {
  const form = { title: sent.title ?? media.title, altText: sent.altText ?? media.altText, caption: sent.caption ?? media.caption, description: sent.description ?? media.description };
  const fields: FieldVM[] = [{ control: 'text', name: 'title', label: 'Title', value: form.title, error: errors.title }];
  if (isImageType(media.mimeType)) {
    fields.push({
      control: 'text', name: 'alt_text', label: 'Alternative Text', value: form.altText, error: errors.altText,
      hint: 'Describe what the image shows for people who cannot see it. Leave empty if it is only decoration.',
    });
  }
  fields.push(
    { control: 'textarea', name: 'caption', label: 'Caption', value: form.caption, rows: 3, error: errors.caption },
    { control: 'textarea', name: 'description', label: 'Description', value: form.description, rows: 5, error: errors.description },
  );
  return fields;
}

function urlsOf(media: Media): MediaItemVM['urls'] {
  return [
    { label: media.width ? `Full size (${media.width} × ${media.height})` : 'File', url: mediaUrl(media) },
    ...media.variants.map((v) => ({ label: `${v.name[0]?.toUpperCase()}${v.name.slice(1)} (${v.width} × ${v.height})`, url: uploadUrl(v.filePath) })),
  ];
}

export function presentMediaItem(
  media: Media, user: User,
  page: { csrfToken: string; form?: MediaChanges; errors?: Readonly<Record<string, string>>; notice: string | null; language: string; timeZone: string },
): MediaItemVM {
  const errors = page.errors ?? {};
  const sources = imageSrcset(media);
  return {
    heading: 'Edit Media',
    notice: page.notice,
    csrfToken: page.csrfToken,
    action: canEditMedia(user, media) ? MEDIA_PATHS.item(media.id) : null,
    fields: mediaFields(media, page.form ?? {}, errors),
    errorSummary: Object.keys(errors).length > 0 ? 'The media item was not saved. Please correct the following:' : null,
    preview: sources ? { src: sources.src, srcset: sources.srcset, sizes: '(max-width: 800px) 100vw, 800px', alt: media.altText, width: sources.width, height: sources.height } : null,
    facts: [
      { label: 'File name', value: fileNameOf(media) },
      { label: 'Uploaded as', value: media.originalName },
      { label: 'File type', value: TYPE_LABELS[media.mimeType] ?? media.mimeType },
      { label: 'File size', value: `${Math.max(1, Math.round(media.sizeBytes / 1024))} KB` },
      ...(media.width ? [{ label: 'Dimensions', value: `${media.width} × ${media.height} pixels` }] : []),
      { label: 'Uploaded on', value: formatWhen(media.createdAt, page.language, page.timeZone) },
    ],
    urls: urlsOf(media),
    markdown: markdownFor(media),
    deleteHref: canDeleteMedia(user, media) ? MEDIA_PATHS.remove(media.id) : null,
    backHref: MEDIA_PATHS.library,
  };
}

/** The picker's view of an item (GET /admin/media.json): what it shows and what it inserts. */
export function presentMediaJson(media: Media) {
  return {
    id: media.id,
    title: media.title,
    fileName: fileNameOf(media),
    mimeType: media.mimeType,
    isImage: isImageType(media.mimeType),
    url: mediaUrl(media),
    thumbnailUrl: thumbnailUrl(media) ?? null,
    altText: media.altText,
    width: media.width,
    height: media.height,
    markdown: markdownFor(media),
    editUrl: MEDIA_PATHS.item(media.id),
  };
}

// Media items: their types, which kinds of file are accepted, safe file names, and the image markup (srcset) built from them.
import path from 'node:path';
import { slugify } from '../../kernel/slug.js';
import { mediaInvalid } from './media.errors.js';

export type VariantName = 'thumbnail' | 'medium' | 'large';

export interface MediaVariant {
  readonly name: VariantName;
  readonly width: number;
  readonly height: number;
  /** Relative to <data dir>/uploads, like the item's own file. */
  readonly filePath: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
}

export interface Media {
  readonly id: number;
  readonly authorId: number;
  readonly postId: number | null;
  /** Relative to <data dir>/uploads; null for an imported item whose file stays at sourceUrl. */
  readonly filePath: string | null;
  readonly sourceUrl: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly title: string;
  readonly altText: string;
  readonly caption: string;
  readonly description: string;
  readonly variants: readonly MediaVariant[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type MediaKind = 'image' | 'document';

export interface MediaQuery {
  readonly kind?: MediaKind;
  /** Words in the title, the original file name or the alt text. */
  readonly search?: string;
  /** Only what this person uploaded. */
  readonly authorId?: number;
  /** Only what was uploaded to this post (WordPress's parent); null: only unattached items. */
  readonly postId?: number | null;
  readonly page?: number;
  readonly perPage?: number;
}

export interface MediaChanges {
  readonly title?: string;
  readonly altText?: string;
  readonly caption?: string;
  readonly description?: string;
}

/**
 * The kinds of file accepted, by the type sniffed from their content, and the extension they are stored with.
 * SVG (it can carry scripts) and HTML are never accepted; text has no magic number to sniff, so it is left out.
 */
export const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'application/pdf': 'pdf',
};

export function isImageType(mimeType: string): boolean {
  return mimeType.startsWith('image/');
}

/** The sizes WordPress makes by default: a square thumbnail, and two bounded copies (only when smaller than the original). */
export const VARIANT_SIZES: readonly { readonly name: VariantName; readonly width: number; readonly height: number; readonly crop: boolean }[] = [
  { name: 'thumbnail', width: 150, height: 150, crop: true },
  { name: 'medium', width: 300, height: 300, crop: false },
  { name: 'large', width: 1024, height: 1024, crop: false },
];

export const LIMITS = { title: 200, altText: 500, caption: 2000, description: 10_000, perPage: 100 } as const;

const MAX_BASE_LENGTH = 80;

/**
 * The base of a stored file's name from what the browser called it: only its last segment (either slash), no NUL
 * or control characters, no leading dots, Unicode normalised and slugged; the extension is dropped (the sniffed
 * type chooses it). 'file' when nothing is left.
 */
export function safeBaseName(originalName: string): string {
  const lastSegment = originalName.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop() ?? '';
  const withoutExtension = lastSegment.replace(/^\.+/, '').replace(/\.[^.]*$/, '');
  const slug = slugify(withoutExtension.normalize('NFKC'));
  return Array.from(slug).slice(0, MAX_BASE_LENGTH).join('').replace(/-+$/, '') || 'file';
}

/** The sender's name for the file as it is kept (shown as "Uploaded as"): no control characters (PostgreSQL refuses NUL), 255 at most. */
export function keptOriginalName(originalName: string): string {
  return Array.from(originalName.replace(/[\u0000-\u001f\u007f]/g, '')).slice(0, 255).join('');
}

/** The folder of an upload made at `when`, as WordPress's uploads/YYYY/MM. */
export function uploadFolderOf(when: Date): string {
  return `${when.getUTCFullYear()}/${String(when.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The first of base.ext, base-1.ext, base-2.ext… not in `taken` (names already in the folder). */
export function firstFreeName(base: string, extension: string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n += 1) {
    const name = n === 0 ? `${base}.${extension}` : `${base}-${n}.${extension}`;
    if (!taken.has(name)) return name;
  }
}

/** A variant's file name beside its original: photo.jpg → photo-150x150.jpg. */
export function variantFileName(fileName: string, width: number, height: number): string {
  const extension = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - extension.length)}-${width}x${height}${extension}`;
}

/** Where a stored file is served: /uploads/2026/12/photo.jpg (each segment URL-encoded); `base` makes it absolute. */
export function uploadUrl(filePath: string, base = ''): string {
  return `${base.replace(/\/+$/, '')}/uploads/${filePath.split('/').map(encodeURIComponent).join('/')}`;
}

/** The address of an item's file: its upload, or where an imported item still lives. */
export function mediaUrl(media: Pick<Media, 'filePath' | 'sourceUrl'>, base = ''): string {
  return media.filePath ? uploadUrl(media.filePath, base) : media.sourceUrl;
}

export interface ImageSources {
  readonly src: string;
  /** Every width available, smallest first: "…-300x200.jpg 300w, …photo.jpg 1600w". */
  readonly srcset: string;
  readonly sizes: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/**
 * What an <img> of this item needs: its largest copy as src, the original and its bounded copies (not the cropped
 * thumbnail, whose shape differs) in srcset; undefined when the item is not an image with known dimensions.
 */
export function imageSrcset(media: Media, base = ''): ImageSources | undefined {
  if (!isImageType(media.mimeType) || media.width === null || media.height === null) return undefined;
  const sources = [
    ...media.variants.filter((variant) => variant.name !== 'thumbnail').map((variant) => ({ url: uploadUrl(variant.filePath, base), width: variant.width })),
    { url: mediaUrl(media, base), width: media.width },
  ].sort((a, b) => a.width - b.width);
  return {
    src: mediaUrl(media, base),
    srcset: sources.map((source) => `${source.url} ${source.width}w`).join(', '),
    sizes: `(max-width: ${media.width}px) 100vw, ${media.width}px`,
    width: media.width,
    height: media.height,
    alt: media.altText,
  };
}

/** The smallest picture of an item for lists (its thumbnail, else the file itself); undefined for documents. */
export function thumbnailUrl(media: Media, base = ''): string | undefined {
  if (!isImageType(media.mimeType)) return undefined;
  const thumbnail = media.variants.find((variant) => variant.name === 'thumbnail');
  return thumbnail ? uploadUrl(thumbnail.filePath, base) : mediaUrl(media, base);
}

/** Markdown that shows the item in a post: an image with its alt text, or a link named after the item. */
export function markdownFor(media: Media, base = ''): string {
  const url = mediaUrl(media, base);
  const escape = (text: string) => text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ').trim();
  if (isImageType(media.mimeType)) return `![${escape(media.altText)}](${url})`;
  return `[${escape(media.title || media.originalName)}](${url})`;
}

/** Every stored file of an item, relative to <data dir>/uploads: the original and its variants. */
export function storedFilesOf(media: Pick<Media, 'filePath' | 'variants'>): string[] {
  return [...(media.filePath ? [media.filePath] : []), ...media.variants.map((variant) => variant.filePath)];
}

/** Trimmed changes; MEDIA_INVALID naming each field that is too long. */
export function validateMediaChanges(changes: MediaChanges): MediaChanges {
  const fields: Record<string, string> = {};
  const valid: Record<string, string> = {};
  for (const key of ['title', 'altText', 'caption', 'description'] as const) {
    const value = changes[key];
    if (value === undefined) continue;
    // Control characters never belong in text people read (and PostgreSQL refuses NUL); line breaks stay.
    const trimmed = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
    if (trimmed.length > LIMITS[key]) fields[key] = `At most ${LIMITS[key]} characters (this has ${trimmed.length}).`;
    valid[key] = trimmed;
  }
  if (Object.keys(fields).length > 0) throw mediaInvalid(fields);
  return valid;
}

// Uploading, describing, listing and deleting media items; the files live under <data dir>/uploads/YYYY/MM.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { ChangeBus } from '../../kernel/events.js';
import type { SettingsService } from '../settings/index.js';
import type { User } from '../users/index.js';
import { type UploadsFolder, createUploadsFolder } from './media-files.js';
import { type ProcessedImage, type ResizedImage, processImage } from './media-images.js';
import { sniffAcceptedType } from './media-sniff.js';
import { mediaEmpty, mediaForbidden, mediaInvalid, mediaNotFound, mediaTooLarge } from './media.errors.js';
import {
  ACCEPTED_TYPES, LIMITS, type Media, type MediaChanges, type MediaQuery, type MediaVariant, firstFreeName, isImageType,
  keptOriginalName, safeBaseName, storedFilesOf, uploadFolderOf, validateMediaChanges, variantFileName,
} from './media.js';
import { canDeleteMedia, canEditMedia, canUploadMedia } from './media.policy.js';
import * as repo from './media.repo.js';

export interface UploadInput {
  readonly content: Readable | Buffer;
  /** What the sender called the file: only a hint for the stored name (sanitised), never for its type. */
  readonly originalName: string;
  /** The size the sender announced (Content-Length), when known: a file announced too large is refused unread. */
  readonly declaredSize?: number;
  /** The post it is uploaded for. */
  readonly postId?: number | null;
}

export interface MediaPage {
  readonly items: readonly Media[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

/** A stored file that may be served: an item's original or one of its variants. */
export interface ServedFile {
  readonly absolutePath: string;
  readonly mimeType: string;
}

export interface MediaService {
  /** Stores a file uploaded by `author` (who must have upload_files): sniffed, size-limited, images resized. */
  upload(input: UploadInput, author: User): Promise<Media>;
  findById(id: number): Promise<Media | undefined>;
  findByIds(ids: readonly number[]): Promise<Media[]>;
  list(query: MediaQuery): Promise<MediaPage>;
  /** Changes the title, alt text, caption or description; MEDIA_INVALID for too-long fields. */
  update(id: number, changes: MediaChanges, actor: User): Promise<Media>;
  /** Deletes the item, its files and every reference to it (featured images, profile pictures). */
  remove(id: number, actor: User): Promise<void>;
  /** The largest upload the settings allow, in bytes. */
  uploadLimitBytes(): Promise<number>;
  /** The file at this path under uploads/ when the table knows it; undefined for anything else (404). */
  servedFile(relativePath: string): Promise<ServedFile | undefined>;
}

export interface MediaDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly settings: SettingsService;
  /** Posts featuring a changed or deleted item are announced as changed: their cached pages show it. */
  readonly events: ChangeBus;
  /** <data dir>/uploads */
  readonly uploadsDir: string;
}

const MB = 1024 * 1024;
/** How many taken names are tried before giving up on a folder crowded by concurrent uploads. */
const NAME_ATTEMPTS = 20;

interface Prepared {
  readonly tempPath: string;
  readonly mimeType: string;
  readonly image: ProcessedImage | undefined;
}

export function createMediaService(deps: MediaDeps): MediaService {
  const { db, clock } = deps;
  const folder: UploadsFolder = createUploadsFolder(deps.uploadsDir);

  async function uploadLimitBytes() {
    return (await deps.settings.get()).uploadMaxMegabytes * MB;
  }

  /** Writes the original and its variants under the first free names of the month's folder. */
  async function store(prepared: Prepared, base: string, month: string) {
    const extension = ACCEPTED_TYPES[prepared.mimeType] ?? 'bin';
    const originalTemp = prepared.image?.original ? await folder.writeTemp(prepared.image.original) : prepared.tempPath;
    const variantTemps = await Promise.all((prepared.image?.variants ?? []).map(async (v) => ({ ...v, tempPath: await folder.writeTemp(v.bytes) })));
    try {
      return await claimNames(originalTemp, variantTemps, base, extension, month, prepared.mimeType);
    } finally {
      await Promise.all([originalTemp, ...variantTemps.map((v) => v.tempPath)].map((temp) => folder.removeTemp(temp)));
    }
  }

  async function claimNames(
    originalTemp: string, variantTemps: readonly (ResizedImage & { tempPath: string })[], base: string, extension: string, month: string, mimeType: string,
  ) {
    // Names passed over because one of their sizes' names is taken (photo-150x150.png uploaded as itself).
    const passedOver = new Set<string>();
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt += 1) {
      const taken = new Set([...(await folder.namesIn(month)), ...passedOver]);
      const name = firstFreeName(base, extension, taken);
      const files = [{ tempPath: originalTemp, name }, ...variantTemps.map((v) => ({ tempPath: v.tempPath, name: variantFileName(name, v.width, v.height) }))];
      if (files.some((file) => taken.has(file.name))) {
        passedOver.add(name);
        continue;
      }
      // False when a concurrent upload took a name meanwhile: the next attempt reads the folder again.
      if (await folder.claim(month, files)) {
        const variants: MediaVariant[] = variantTemps.map((v, i) => ({
          name: v.name, width: v.width, height: v.height, filePath: `${month}/${files[i + 1]?.name}`, mimeType, sizeBytes: v.bytes.length,
        }));
        return { filePath: `${month}/${name}`, variants };
      }
    }
    throw new Error(`No free name for ${base} in ${month} after ${NAME_ATTEMPTS} attempts`);
  }

  async function prepare(tempPath: string): Promise<Prepared> {
    const mimeType = await sniffAcceptedType(tempPath);
    return { tempPath, mimeType, image: isImageType(mimeType) ? await processImage(tempPath, mimeType) : undefined };
  }

  async function announcePostsFeaturing(id: number) {
    for (const postId of await repo.findPostIdsFeaturing(db, id)) deps.events.publish({ type: 'post', postId });
  }

  async function editable(id: number, actor: User, may: (user: User, media: Media) => boolean, what: string) {
    const media = await repo.findMediaById(db, id);
    if (!media) throw mediaNotFound();
    if (!may(actor, media)) throw mediaForbidden(`Your role does not allow you to ${what} media uploaded by someone else.`);
    return media;
  }

  return {
    async upload(input, author) {
      if (!canUploadMedia(author)) throw mediaForbidden('Your role does not allow you to upload files.');
      if (input.postId != null && !(await repo.postExists(db, input.postId))) throw mediaInvalid({ post: 'No post or page has this id.' });
      const limit = await uploadLimitBytes();
      if (input.declaredSize !== undefined && input.declaredSize > limit) throw mediaTooLarge(limit, input.declaredSize);
      const received = await folder.receive(input.content, limit);
      try {
        if (received.sizeBytes === 0) throw mediaEmpty();
        const prepared = await prepare(received.tempPath);
        const now = clock.now();
        const stored = await store(prepared, safeBaseName(input.originalName), uploadFolderOf(now));
        const sizeBytes = prepared.image?.original?.length ?? received.sizeBytes;
        try {
          return await repo.insertMedia(db, {
            authorId: author.id, postId: input.postId ?? null, filePath: stored.filePath, originalName: keptOriginalName(input.originalName),
            mimeType: prepared.mimeType, sizeBytes, width: prepared.image?.width ?? null, height: prepared.image?.height ?? null,
            title: safeBaseName(input.originalName).replace(/-/g, ' '), variants: stored.variants, createdAt: now.toISOString(),
          });
        } catch (error) {
          await folder.remove([stored.filePath, ...stored.variants.map((v) => v.filePath)]);
          throw error;
        }
      } finally {
        await folder.removeTemp(received.tempPath);
      }
    },
    findById: (id) => repo.findMediaById(db, id),
    findByIds: (ids) => repo.findMediaByIds(db, ids),
    async list(query) {
      const perPage = Math.min(Math.max(1, query.perPage ?? 20), LIMITS.perPage);
      const page = Number.isSafeInteger(query.page) ? Math.max(1, query.page ?? 1) : 1;
      const { items, total } = await repo.listMedia(db, query, perPage, page);
      return { items, total, page, pages: Math.max(1, Math.ceil(total / perPage)) };
    },
    async update(id, changes, actor) {
      await editable(id, actor, canEditMedia, 'edit');
      const valid = validateMediaChanges(changes);
      const updated = await repo.updateMedia(db, id, valid, clock.now().toISOString());
      if (!updated) throw mediaNotFound();
      await announcePostsFeaturing(id);
      return updated;
    },
    async remove(id, actor) {
      const media = await editable(id, actor, canDeleteMedia, 'delete');
      const featuring = await repo.findPostIdsFeaturing(db, id);
      await repo.deleteMedia(db, id);
      for (const postId of featuring) deps.events.publish({ type: 'post', postId });
      await folder.remove(storedFilesOf(media));
    },
    uploadLimitBytes,
    async servedFile(relativePath) {
      const absolutePath = folder.absolute(relativePath);
      if (!absolutePath || relativePath.startsWith('.')) return undefined;
      // A variant's name is its original's plus -WIDTHxHEIGHT: one lookup finds the item either way.
      const original = relativePath.replace(/-\d+x\d+(\.[a-z0-9]+)$/, '$1');
      const [media] = (await repo.findMediaByFilePaths(db, [...new Set([relativePath, original])])).filter(
        (item) => storedFilesOf(item).includes(relativePath),
      );
      if (!media) return undefined;
      const variant = media.variants.find((v) => v.filePath === relativePath);
      return { absolutePath, mimeType: variant?.mimeType ?? media.mimeType };
    },
  };
}

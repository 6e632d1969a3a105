// Public surface of media: uploads, their variants and descriptions, and the markup themes make of them.
export { createMediaService } from './media.service.js';
export type { MediaDeps, MediaPage, MediaService, ServedFile, UploadInput } from './media.service.js';
export {
  ACCEPTED_TYPES, LIMITS as MEDIA_LIMITS, imageSrcset, isImageType, markdownFor, mediaUrl, thumbnailUrl, uploadUrl,
} from './media.js';
export type { ImageSources, Media, MediaChanges, MediaKind, MediaQuery, MediaVariant, VariantName } from './media.js';
export { mediaFileMissing, mediaForbidden, mediaNotFound, mediaTooLarge } from './media.errors.js';
export { canDeleteMedia, canEditMedia, canUploadMedia } from './media.policy.js';

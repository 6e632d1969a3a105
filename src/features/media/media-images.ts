// Images through sharp: orientation applied and metadata (EXIF, GPS) stripped, the resized variants made.
import type { Sharp } from 'sharp';
import { mediaCorrupt, mediaTooManyPixels } from './media.errors.js';
import { VARIANT_SIZES, type VariantName } from './media.js';

export interface ResizedImage {
  readonly name: VariantName;
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
}

export interface ProcessedImage {
  /** The re-encoded original (upright, without metadata); undefined: keep the uploaded file (an animated GIF). */
  readonly original: Buffer | undefined;
  readonly width: number;
  readonly height: number;
  readonly variants: readonly ResizedImage[];
}

/** Re-encodes in the uploaded format; quality high enough that the original stays the reference copy. */
function encode(image: Sharp, mimeType: string): Sharp {
  switch (mimeType) {
    case 'image/jpeg': return image.jpeg({ quality: 90 });
    case 'image/png': return image.png();
    case 'image/webp': return image.webp({ quality: 90 });
    case 'image/avif': return image.avif({ quality: 70 });
    default: return image.gif();
  }
}

type SharpFactory = typeof import('sharp').default;

/**
 * sharp (libvips) loaded on the first image, not at start-up: commands that never resize (`quire import`, `quire
 * export`, `quire db migrate`) start 9 MB smaller without it. Node caches the module after the first call.
 */
async function loadSharp(): Promise<SharpFactory> {
  return (await import('sharp')).default;
}

/** Only the sizes smaller than the original are made: a small picture is never enlarged. */
async function resizeAll(sharp: SharpFactory, upright: Buffer, width: number, height: number, mimeType: string): Promise<ResizedImage[]> {
  const variants: ResizedImage[] = [];
  for (const size of VARIANT_SIZES) {
    if (width <= size.width && height <= size.height) continue;
    const resized = sharp(upright).resize(size.crop
      ? { width: Math.min(size.width, width), height: Math.min(size.height, height), fit: 'cover' }
      : { width: size.width, height: size.height, fit: 'inside' });
    const { data, info } = await encode(resized, mimeType).toBuffer({ resolveWithObject: true });
    variants.push({ name: size.name, width: info.width, height: info.height, bytes: data });
  }
  return variants;
}

/**
 * Reads the image at `file` (whose type was sniffed as `mimeType`) strictly: a truncated or damaged file is
 * refused with MEDIA_CORRUPT rather than stored half-grey.
 */
export async function processImage(file: string, mimeType: string): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  try {
    // failOn 'warning': libjpeg's "premature end of file" is a refusal, not a picture with a grey bottom.
    const { data, info } = await encode(sharp(file, { failOn: 'warning' }).rotate(), mimeType).toBuffer({ resolveWithObject: true });
    const variants = await resizeAll(sharp, data, info.width, info.height, mimeType);
    return { original: mimeType === 'image/gif' ? undefined : data, width: info.width, height: info.height, variants };
  } catch (error) {
    // sharp's own guard (limitInputPixels, 268 megapixels by default) stops it before it decodes anything.
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw mediaTooManyPixels(error);
    throw mediaCorrupt(error);
  }
}

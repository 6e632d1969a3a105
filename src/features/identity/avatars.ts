// Provider pictures fetched once and kept in dataDir/avatars, so that our pages never load a third-party image.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { type PictureNetwork, pinPictureAddress, requestPinned, systemNetwork } from './picture-fetch.js';

export const AVATAR_MAX_BYTES = 1024 * 1024;
export const AVATAR_TIMEOUT_MS = 5_000;
const MAX_REDIRECTS = 3;

/** The accepted types, their file extension and their first bytes (a mislabelled body is refused). */
const TYPES: Readonly<Record<string, { readonly ext: string; readonly matches: (bytes: Buffer) => boolean }>> = {
  'image/png': { ext: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/gif': { ext: 'gif', matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  'image/webp': { ext: 'webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
};

export const AVATAR_CONTENT_TYPES: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** What /avatars/ serves: exactly the names this store writes. */
const FILE_NAME = /^[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

export interface AvatarStore {
  /**
   * Downloads the picture (https only, from public addresses only; `fromLocalProvider`: a local test provider's,
   * where plain http to this machine and private addresses are allowed), at most 1 MB within 5 s,
   * PNG/JPEG/GIF/WebP only; returns its local path `/avatars/<sha256>.<ext>`, or undefined when the picture cannot
   * be had (the identity then simply has no avatar).
   */
  storeFromUrl(url: string, options?: { readonly fromLocalProvider?: boolean }): Promise<string | undefined>;
  /** The file behind an `/avatars/<file>` name, or undefined for names this store never writes. */
  fileOf(name: string): { readonly path: string; readonly contentType: string } | undefined;
}

export interface AvatarStoreDeps {
  readonly dir: string;
  /** Name resolution and requests (the system's by default; tests may put stand-ins for either). */
  readonly network?: Partial<PictureNetwork>;
}

export function createAvatarStore(deps: AvatarStoreDeps): AvatarStore {
  const network: PictureNetwork = { ...systemNetwork, ...deps.network };
  const headers = { accept: Object.keys(TYPES).join(', ') };

  async function download(url: string, fromLocalProvider: boolean): Promise<{ type: string; body: Buffer } | undefined> {
    const signal = AbortSignal.timeout(AVATAR_TIMEOUT_MS);
    let target = URL.canParse(url) ? new URL(url) : undefined;
    // Redirects are followed by hand so that every hop passes the same checks, each with its own pinned address.
    for (let hop = 0; target && hop <= MAX_REDIRECTS; hop++) {
      const pinned = await pinPictureAddress(target, { fromLocalProvider }, network);
      if (!pinned) return undefined;
      const response = await requestPinned(network, target, pinned, headers, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.destroy();
        target = URL.canParse(location, target.href) ? new URL(location, target.href) : undefined;
        continue;
      }
      const type = (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const declared = Number(response.headers['content-length'] ?? '0');
      if (status < 200 || status > 299 || !(type in TYPES) || declared > AVATAR_MAX_BYTES) {
        response.destroy();
        return undefined;
      }
      const body = await readLimited(response, AVATAR_MAX_BYTES);
      return body ? { type, body } : undefined;
    }
    return undefined;
  }

  return {
    async storeFromUrl(url, options = {}) {
      try {
        const picture = await download(url, options.fromLocalProvider ?? false);
        const kind = picture ? TYPES[picture.type] : undefined;
        if (!picture || !kind || !kind.matches(picture.body)) return undefined;
        const name = `${createHash('sha256').update(picture.body).digest('hex')}.${kind.ext}`;
        await fs.mkdir(deps.dir, { recursive: true });
        // Written aside and renamed: a reader never sees half a file; the same picture twice is the same file.
        const temporary = path.join(deps.dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
        await fs.writeFile(temporary, picture.body);
        await fs.rename(temporary, path.join(deps.dir, name));
        return `/avatars/${name}`;
      } catch {
        // Unreachable, too slow, refused: a missing avatar is no reason to refuse the sign-in.
        return undefined;
      }
    },
    fileOf(name) {
      const match = FILE_NAME.exec(name);
      const ext = match?.[1];
      return ext ? { path: path.join(deps.dir, name), contentType: AVATAR_CONTENT_TYPES[ext] ?? 'application/octet-stream' } : undefined;
    },
  };
}

/** The whole body, or undefined as soon as it passes `limit` bytes (a missing Content-Length is no way around it). */
async function readLimited(body: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    if (size > limit) {
      body.destroy();
      return undefined;
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

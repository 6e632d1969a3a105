// The uploads folder on disk: receiving a stream into a temporary file under a size limit, claiming a unique
// name without overwriting anything, and removing files. Paths given here are relative to <data dir>/uploads.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mediaTooLarge } from './media.errors.js';

/** Written files are readable by the web server and anyone on the machine, writable by us only. */
const FILE_MODE = 0o644;

export interface UploadsFolder {
  readonly root: string;
  /** Copies `content` into a temporary file, stopping with MEDIA_TOO_LARGE as soon as it passes `limitBytes`. */
  receive(content: Readable | Buffer, limitBytes: number): Promise<{ readonly tempPath: string; readonly sizeBytes: number }>;
  /** A new temporary file with these bytes (a re-encoded image, a variant). */
  writeTemp(bytes: Buffer): Promise<string>;
  /** Names already used in a folder (YYYY/MM). */
  namesIn(folder: string): Promise<Set<string>>;
  /**
   * Links temporary files to their names in `folder`, all or none: false (and nothing linked) when a name was taken
   * meanwhile by a concurrent upload, so the caller picks other names. The caller removes the temporary files.
   */
  claim(folder: string, files: readonly { readonly tempPath: string; readonly name: string }[]): Promise<boolean>;
  removeTemp(tempPath: string): Promise<void>;
  /** Removes stored files; one already gone is no error. */
  remove(relativePaths: readonly string[]): Promise<void>;
  /** The absolute path of a stored file, or undefined when the relative path would lead outside the folder. */
  absolute(relativePath: string): string | undefined;
}

function byteLimit(limitBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limitBytes) done(mediaTooLarge(limitBytes));
      else done(null, chunk);
    },
  });
}

export function createUploadsFolder(folder: string): UploadsFolder {
  const root = path.resolve(folder);
  const tempDir = path.join(root, '.tmp');
  const tempPathOf = () => path.join(tempDir, `${randomUUID()}.part`);

  async function removeTemp(tempPath: string) {
    await fs.rm(tempPath, { force: true });
  }

  function absolute(relativePath: string): string | undefined {
    const file = path.resolve(root, relativePath);
    return file.startsWith(root + path.sep) && !relativePath.includes('\0') ? file : undefined;
  }

  return {
    root,
    async receive(content, limitBytes) {
      await fs.mkdir(tempDir, { recursive: true });
      const tempPath = tempPathOf();
      const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
      try {
        await pipeline(source, byteLimit(limitBytes), createWriteStream(tempPath, { mode: FILE_MODE }));
      } catch (error) {
        await removeTemp(tempPath);
        // The sender may still be sending: what is left is not read (the response ends the request).
        source.destroy();
        throw error;
      }
      const { size } = await fs.stat(tempPath);
      return { tempPath, sizeBytes: size };
    },
    async writeTemp(bytes) {
      await fs.mkdir(tempDir, { recursive: true });
      const tempPath = tempPathOf();
      await fs.writeFile(tempPath, bytes, { mode: FILE_MODE });
      return tempPath;
    },
    async namesIn(folder) {
      const names = await fs.readdir(path.join(root, folder)).catch(() => [] as string[]);
      return new Set(names);
    },
    async claim(folder, files) {
      const dir = path.join(root, folder);
      await fs.mkdir(dir, { recursive: true });
      const linked: string[] = [];
      try {
        // A hard link fails when the name exists: no upload ever overwrites another's file.
        for (const file of files) {
          const target = path.join(dir, file.name);
          await fs.link(file.tempPath, target);
          linked.push(target);
        }
      } catch (error) {
        await Promise.all(linked.map((target) => fs.rm(target, { force: true })));
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
      await Promise.all(files.map((file) => fs.chmod(path.join(dir, file.name), FILE_MODE)));
      return true;
    },
    removeTemp,
    async remove(relativePaths) {
      for (const relative of relativePaths) {
        const file = absolute(relative);
        if (file) await fs.rm(file, { force: true });
      }
    },
    absolute,
  };
}

// What a file is, from its content alone: the name's extension and the browser's Content-Type are never trusted.
import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { mediaTypeRefused } from './media.errors.js';
import { ACCEPTED_TYPES } from './media.js';

const PEEK_BYTES = 1024;

async function peek(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(PEEK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Words for a refused file's content, for the message that refuses it. */
export function describeRefusedContent(start: Buffer, sniffedMime: string | undefined): string {
  const text = start.toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/<svg[\s>]/.test(text)) return 'SVG, which can carry scripts';
  if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]/.test(text)) return 'HTML';
  if (sniffedMime) return sniffedMime;
  return new TextDecoder('utf-8', { fatal: false }).decode(start).includes('\uFFFD') ? 'of a kind this site does not know' : 'plain text';
}

/** The accepted type of the file at `file`; MEDIA_TYPE_REFUSED for anything else. */
export async function sniffAcceptedType(file: string): Promise<string> {
  const sniffed = await fileTypeFromFile(file);
  if (sniffed && sniffed.mime in ACCEPTED_TYPES) return sniffed.mime;
  throw mediaTypeRefused(describeRefusedContent(await peek(file), sniffed?.mime));
}

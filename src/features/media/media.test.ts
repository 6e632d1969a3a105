// The pure rules of media: safe names, WordPress-style numbering, Markdown, addresses, refused content's words.
import { describe, expect, it } from 'vitest';
import { describeRefusedContent } from './media-sniff.js';
import { type Media, firstFreeName, markdownFor, safeBaseName, uploadUrl, validateMediaChanges, variantFileName } from './media.js';

const item = (overrides: Partial<Media>): Media => ({
  id: 1, authorId: 1, postId: null, filePath: '2026/12/photo.jpg', sourceUrl: '', originalName: 'photo.jpg', mimeType: 'image/jpeg',
  sizeBytes: 10, width: 10, height: 10, title: 'photo', altText: '', caption: '', description: '', variants: [], createdAt: '', updatedAt: '',
  ...overrides,
});

describe('safeBaseName', () => {
  it.each([
    ['../../etc/passwd.png', 'passwd'],
    ['..\\..\\windows\\win.ini.png', 'win-ini'],
    ['%2e%2e/%2e%2e/x.png', 'x'],
    ['evil\u0000name.png', 'evilname'],
    ['...hidden.png', 'hidden'],
    ['.htaccess', 'htaccess'],
    ['Ünïcödé Fïlé.PNG', 'unicode-file'],
    ['ﬁle①.jpg', 'file1'],
    ['写真.jpg', '写真'],
    ['....', 'file'],
    ['', 'file'],
    [`${'a'.repeat(300)}.png`, 'a'.repeat(80)],
  ])('%j becomes %j', (name, expected) => {
    expect(safeBaseName(name)).toBe(expected);
  });
});

it('numbers a taken name like WordPress: photo.jpg, photo-1.jpg, photo-2.jpg', () => {
  expect(firstFreeName('photo', 'jpg', new Set())).toBe('photo.jpg');
  expect(firstFreeName('photo', 'jpg', new Set(['photo.jpg', 'photo-1.jpg']))).toBe('photo-2.jpg');
  expect(variantFileName('photo-2.jpg', 150, 150)).toBe('photo-2-150x150.jpg');
});

it('writes Markdown with the alt text for images and a named link for documents, brackets escaped', () => {
  expect(markdownFor(item({ altText: 'A [red] square' }))).toBe('![A \\[red\\] square](/uploads/2026/12/photo.jpg)');
  expect(markdownFor(item({ mimeType: 'application/pdf', filePath: '2026/12/report.pdf', title: 'Annual report', width: null }))).toBe('[Annual report](/uploads/2026/12/report.pdf)');
});

it('encodes each segment of an upload address, and makes it absolute on request', () => {
  expect(uploadUrl('2026/12/写真.jpg')).toBe('/uploads/2026/12/%E5%86%99%E7%9C%9F.jpg');
  expect(uploadUrl('2026/12/a.jpg', 'https://blog.example/')).toBe('https://blog.example/uploads/2026/12/a.jpg');
});

it('names what a refused file is from its first bytes', () => {
  expect(describeRefusedContent(Buffer.from('\uFEFF  <!DOCTYPE html><p>'), undefined)).toBe('HTML');
  expect(describeRefusedContent(Buffer.from('<?xml version="1.0"?><svg xmlns="…">'), 'application/xml')).toBe('SVG, which can carry scripts');
  expect(describeRefusedContent(Buffer.from('PK\u0003\u0004'), 'application/zip')).toBe('application/zip');
  expect(describeRefusedContent(Buffer.from('name,email\n'), undefined)).toBe('plain text');
  expect(describeRefusedContent(Buffer.from([0xff, 0xfe, 0x00, 0x81]), undefined)).toBe('of a kind this site does not know');
});

it('trims the details and names each field that is too long', () => {
  expect(validateMediaChanges({ title: '  Sunset ', altText: undefined })).toEqual({ title: 'Sunset' });
  expect(() => validateMediaChanges({ altText: 'x'.repeat(501), description: 'ok' })).toThrow(expect.objectContaining({
    code: 'MEDIA_INVALID', details: { fields: { altText: 'At most 500 characters (this has 501).' } },
  }));
});

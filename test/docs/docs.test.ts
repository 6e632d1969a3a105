// The docs that promise completeness are kept honest: every error code and every variable is listed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDocs } from '../../src/config/schema.js';
import { sourceFiles } from '../support/source-files.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

function codesInSource(): Set<string> {
  const codes = new Set<string>();
  const pattern = /(?:code: '|invalidInput\('|notFound\(')([A-Z][A-Z0-9_]+)'/g;
  for (const file of sourceFiles('src')) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) codes.add(match[1] as string);
  }
  return codes;
}

function codesInDoc(): Set<string> {
  return new Set([...read('docs/errors.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1] as string));
}

describe('docs/errors.md', () => {
  it('lists every error code the source can produce, and no code the source no longer uses', () => {
    expect([...codesInDoc()].sort()).toEqual([...codesInSource()].sort());
  });
});

describe('docs/config.md', () => {
  it('documents every environment variable of the config schema with its default', () => {
    const doc = read('docs/config.md');
    for (const setting of configDocs) {
      expect(doc).toContain(`| \`${setting.env}\` | ${setting.default} | ${setting.doc} |`);
    }
  });
});

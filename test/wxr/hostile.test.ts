// Hostile and broken files: every one refused with its own message, nothing read from disk, nothing half-imported.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/kernel/errors.js';
import { type TestApp, createTestApp } from '../support/app.js';
import { attack, fixture, removeTempFiles, writeTemp } from './wxr-doc.js';

let app: TestApp;
let baseline: Record<string, number>;

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['users', 'terms', 'posts', 'postTerms', 'comments', 'media', 'legacyIds', 'legacyPaths', 'jobs'] as const) {
    const row = await app.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The refusal's code and message; fails the test when the file is accepted or the error is not ours. */
async function refusalOf(file: string): Promise<{ code: string; message: string }> {
  const outcome = await app.services.wxr.importFile(file).then(() => undefined, (error: unknown) => error);
  if (!isAppError(outcome)) throw new Error(`${file}: expected a refusal, got ${String(outcome)}`);
  return { code: outcome.code, message: outcome.message };
}

const realExport = fs.readFileSync(fixture('export_all.xml'), 'utf8');
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" ?>';

/** export_all.xml with `doctype` after its XML declaration and `reference` in its first item's title. */
function realExportWith(doctype: string, reference: string): string {
  return realExport.replace(XML_DECL, `${XML_DECL}\n${doctype}`).replace('<title><![CDATA[', `<title>${reference}<![CDATA[`);
}

beforeAll(async () => {
  app = await createTestApp();
  // Content already there, which a refused file must leave exactly as it is.
  await app.services.wxr.importFile(fixture('small-export.xml'));
  baseline = await tableCounts();
});
afterAll(async () => {
  removeTempFiles();
  await app.close();
});

describe('entity bombs and external entities', () => {
  it.each([
    ['billion-laughs.xml', 'WXR_ENTITIES'],
    ['billion-laughs-lol9.xml', 'WXR_ENTITIES'],
    ['classic-xxe.xml', 'WXR_EXTERNAL_ENTITY'],
    ['classic-xxe-etc-passwd.xml', 'WXR_EXTERNAL_ENTITY'],
    ['classic-xxe-b64.xml', 'WXR_EXTERNAL_ENTITY'],
    ['xxe-php-wrapper.xml', 'WXR_EXTERNAL_ENTITY'],
  ])('refuses %s as is (%s) and changes nothing', async (name, code) => {
    const refusal = await refusalOf(attack(name));
    expect(refusal.code).toBe(code);
    expect(await tableCounts()).toEqual(baseline);
  });

  it('refuses a real export with an entity bomb in front: "This file declares XML entities, which a WordPress export never does"', async () => {
    const lol = fs.readFileSync(attack('billion-laughs-lol9.xml'), 'utf8');
    const doctype = (lol.match(/<!DOCTYPE[\s\S]*?\]>/)?.[0] ?? '').replace('lolz', 'rss');
    const refusal = await refusalOf(writeTemp('bomb.xml', realExportWith(doctype, '&lol9;')));
    expect(refusal).toEqual({ code: 'WXR_ENTITIES', message: expect.stringContaining('This file declares XML entities, which a WordPress export never does') });
    expect(await tableCounts()).toEqual(baseline);
  });

  it('refuses a quadratic blowup (one 50,000-character entity referenced 50,000 times) without expanding it', async () => {
    const doctype = `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(50_000)}">]>`;
    const refusal = await refusalOf(writeTemp('quadratic.xml', realExportWith(doctype, '&big;'.repeat(50_000))));
    expect(refusal.code).toBe('WXR_ENTITIES');
    expect(await tableCounts()).toEqual(baseline);
  });

  it('never reads the file an external entity points at', async () => {
    const secretFile = writeTemp('secret.txt', 'TOP-SECRET-CONTENT-4711');
    const doctype = `<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://${secretFile}">]>`;
    const refusal = await refusalOf(writeTemp('xxe.xml', realExportWith(doctype, '&leak;')));
    expect(refusal.code).toBe('WXR_EXTERNAL_ENTITY');
    expect(refusal.message).not.toContain('TOP-SECRET');
    const leaked = await app.db.kysely.selectFrom('posts').select('id').where((eb) => eb.or([eb('title', 'like', '%TOP-SECRET%'), eb('source', 'like', '%TOP-SECRET%')])).execute();
    expect(leaked).toEqual([]);
    expect(await tableCounts()).toEqual(baseline);
  });

  it('refuses every XML payload of PayloadsAllTheThings’ XXE page with one of its own errors', async () => {
    const payloads = JSON.parse(fs.readFileSync(attack('xxe-readme-payloads.json'), 'utf8')) as { lang: string; payload: string }[];
    const codes = new Set<string>();
    for (const { payload } of payloads.filter((p) => p.lang === 'xml')) codes.add((await refusalOf(writeTemp('payload.xml', payload))).code);
    expect([...codes].every((code) => code.startsWith('WXR_'))).toBe(true);
    expect(codes).toContain('WXR_EXTERNAL_ENTITY');
    expect(await tableCounts()).toEqual(baseline);
  });
});

describe('files that are not WXR or not well-formed', () => {
  it.each([
    ['crazy-cdata.xml', 'WXR_MALFORMED', 'not well-formed XML'],
    ['malformed.xml', 'WXR_MALFORMED', 'not well-formed XML'],
    ['malformed-simple.xml', 'WXR_MALFORMED', 'not well-formed XML'],
    ['missing-version-tag.xml', 'WXR_NOT_WXR', 'it has no wp:wxr_version'],
    ['invalid-version-tag.xml', 'WXR_NOT_WXR', 'missing or invalid WXR version number "abc"'],
  ])('refuses %s (%s) and changes nothing', async (name, code, words) => {
    const refusal = await refusalOf(fixture(name));
    expect(refusal.code).toBe(code);
    expect(refusal.message).toContain(words);
    expect(await tableCounts()).toEqual(baseline);
  });

  it('rolls back everything read before the point where a truncated export breaks off', async () => {
    const truncated = writeTemp('truncated.xml', realExport.slice(0, Math.floor(realExport.length * 0.8)));
    const refusal = await refusalOf(truncated);
    expect(refusal.code).toBe('WXR_MALFORMED');
    expect(await tableCounts()).toEqual(baseline);
  });

  it.each([
    ['an empty file', '', 'WXR_MALFORMED'],
    ['only whitespace', '  \n\n ', 'WXR_MALFORMED'],
    ['plain text', 'This is not XML at all.\n', 'WXR_MALFORMED'],
    ['binary bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'WXR_MALFORMED'],
    ['an HTML page (a lowercase doctype is not XML)', '<!doctype html><html><body>Hi</body></html>', 'WXR_MALFORMED'],
    ['an XHTML page', '<!DOCTYPE html><html><body>Hi</body></html>', 'WXR_DOCTYPE'],
    ['an RSS feed', '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>x</title></item></channel></rss>', 'WXR_NOT_WXR'],
    ['an Atom feed', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', 'WXR_NOT_WXR'],
  ])('refuses %s', async (_what, content, code) => {
    expect((await refusalOf(writeTemp('input.xml', content))).code).toBe(code);
    expect(await tableCounts()).toEqual(baseline);
  });

  it('refuses a path that does not exist, and a folder, naming the path', async () => {
    const missing = await refusalOf('/nonexistent/export.xml');
    expect(missing).toEqual({ code: 'WXR_FILE_UNREADABLE', message: 'Cannot read /nonexistent/export.xml: no such file.' });
    expect((await refusalOf(app.dataDir)).message).toContain('it is not a file');
  });
});

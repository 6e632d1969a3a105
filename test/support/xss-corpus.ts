// The public XSS corpora (a copy of ../shared/corpora/xss in test/fixtures/xss-corpus; see its README), read as lists of payload strings.
// Shared by the unit-level property test (src/features/content/xss-corpus.test.ts) and the browser test,
// so both always exercise the same payloads.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Copied into the checkout, with each folder's README naming its source and license, so that `npm test` passes in
 * a clone anywhere (the team's ../shared is not beside every checkout). Refresh it from ../shared/corpora/xss.
 */
export const XSS_CORPUS_DIR = path.resolve(import.meta.dirname, '../fixtures/xss-corpus');

/** A corpus file parsed as JSON; `file` is relative to XSS_CORPUS_DIR. */
export function readCorpusJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(XSS_CORPUS_DIR, file), 'utf8'));
}

const strings = (values: readonly unknown[]): string[] => values.filter((v): v is string => typeof v === 'string');
const field = (items: unknown, name: string): string[] =>
  strings((items as readonly Record<string, unknown>[]).map((item) => item[name]));
const markdownItTests = (file: string): string[] => field((readCorpusJson(file) as { tests: unknown }).tests, 'markdown');
const read = (file: string): string => fs.readFileSync(path.join(XSS_CORPUS_DIR, file), 'utf8');
const lines = (file: string): string[] => read(file).split(/\r?\n/).filter((line) => line.trim() !== '');
const filesIn = (dir: string, ext: RegExp): string[] =>
  fs.readdirSync(path.join(XSS_CORPUS_DIR, dir)).filter((f) => ext.test(f)).sort().map((f) => `${dir}/${f}`);

/** Every corpus file and its payloads, as strings, in a stable order. */
export function loadXssCorpora(): [string, string[]][] {
  return [
    ['dompurify/expect.json', field(readCorpusJson('dompurify/expect.json'), 'payload')],
    ['h5sc/items.json', field((readCorpusJson('h5sc/items.json') as { items: unknown }).items, 'payload')],
    ['owasp/xss-filter-evasion.json', field(readCorpusJson('owasp/xss-filter-evasion.json'), 'payload')],
    ...['xss', 'fatal', 'linkify', 'normalize', 'proto'].map(
      (name): [string, string[]] => [`markdown-it/${name}.json`, markdownItTests(`markdown-it/${name}.json`)],
    ),
    ['sanitize-html/cases.json', field(readCorpusJson('sanitize-html/cases.json'), 'input')],
    ...filesIn('payloadsallthethings', /\.txt$/).map((file): [string, string[]] => [file, lines(file)]),
    ...filesIn('payloadsallthethings/svg', /\.(svg|xml)$/).map((file): [string, string[]] => [file, [read(file)]]),
  ];
}

/** Every payload of every corpus once (several corpora share vectors), in a stable order. */
export function allXssPayloads(): string[] {
  return [...new Set(loadXssCorpora().flatMap(([, payloads]) => payloads))];
}

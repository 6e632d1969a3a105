// Parsing pages in tests: a real HTML parser, never regular expressions.
import * as cheerio from 'cheerio';

export type Page = cheerio.CheerioAPI;

export function parseHtml(body: string): Page {
  return cheerio.load(body);
}

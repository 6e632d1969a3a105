// Markdown in, sanitized HTML out; and the plain text that search and excerpts read.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { Parser } from 'htmlparser2';
import { type HtmlTrust, allowlists } from './allowlists.js';

export type { HtmlTrust } from './allowlists.js';

// Raw HTML inside Markdown is allowed here because every result goes through the sanitizer next.
const markdown = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
const commentMarkdown = new MarkdownIt('default', { html: true, linkify: true, typographer: false }).disable([
  'heading', 'lheading', 'table', 'image', 'hr',
]);

export function renderMarkdown(source: string, trust: HtmlTrust): string {
  const parser = trust === 'comment' ? commentMarkdown : markdown;
  return sanitizeHtml(parser.render(source), allowlists[trust]);
}

export function sanitizeUserHtml(html: string, trust: HtmlTrust): string {
  return sanitizeHtml(html, allowlists[trust]);
}

const BLOCK_TAGS = new Set([
  'p', 'br', 'div', 'li', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'figcaption',
  'dt', 'dd', 'hr', 'section', 'table', 'ul', 'ol',
]);

/** Visible text of an HTML fragment, entities decoded, whitespace folded. */
export function htmlToText(html: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext: (chunk) => {
        text += chunk;
      },
      onopentag: (name) => {
        if (BLOCK_TAGS.has(name)) text += ' ';
      },
      onclosetag: (name) => {
        if (BLOCK_TAGS.has(name)) text += ' ';
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}

/** The first `words` words of a text, with WordPress's " […]" when it was cut. */
export function excerptOf(text: string, words = 55): string {
  const all = text.split(/\s+/).filter(Boolean);
  if (all.length <= words) return all.join(' ');
  return `${all.slice(0, words).join(' ')} […]`;
}

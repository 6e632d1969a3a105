// The discovery part of <head>: feed and oEmbed links, OpenGraph and Twitter meta, JSON-LD.
import { type SafeHtml, html, trustedHtml } from '../../src/kernel/html.js';
import type { HeadVM } from '../view-models.js';

// Inside <script> nothing is decoded, so HTML escaping cannot protect it: every `<` (and `>`, `&`, and the two
// line separators old parsers choke on) is written as a JSON escape, and "</script>" or "<!--" in a title is inert.
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderHead(head: HeadVM | undefined): SafeHtml {
  if (!head) return html``;
  return html`${head.links.map((l) => html`<link rel="${l.rel}"${l.type === undefined ? '' : html` type="${l.type}"`}${l.title === undefined ? '' : html` title="${l.title}"`} href="${l.href}">
`)}${head.meta.map((m) => (m.attribute === 'property' ? html`<meta property="${m.key}" content="${m.content}">
` : html`<meta name="${m.key}" content="${m.content}">
`))}${head.jsonLd ? html`<script type="application/ld+json">${trustedHtml(jsonForScript(head.jsonLd))}</script>
` : ''}`;
}

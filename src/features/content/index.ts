// Public surface of content rendering.
export { renderMarkdown, sanitizeUserHtml, htmlToText, excerptOf } from './render.js';
export type { HtmlTrust } from './render.js';

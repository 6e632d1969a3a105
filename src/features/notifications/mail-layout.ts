// What every mail we compose shares: one-line header values, plain-text excerpts, and the escaped HTML frame.
import { type SafeHtml, html } from '../../kernel/html.js';
import { excerptOf, htmlToText } from '../content/index.js';

/** The site as mail names it. */
export interface MailSite {
  readonly title: string;
  /** Absolute base of every link (config.publicUrl). */
  readonly publicUrl: string;
}

/** A post as mail shows it: its title and absolute address. */
export interface MailPost {
  readonly title: string;
  readonly url: string;
}

/** Headers that mark mail as sent by a program: auto-responders stay quiet (RFC 3834). */
export const AUTOMATED_HEADERS = { 'Auto-Submitted': 'auto-generated' } as const;

/**
 * Text fit for a subject or a quoted name: control characters (line breaks above all) become spaces, runs of
 * space shrink, and it is cut at `max` characters. nodemailer encodes headers, this keeps them one clean line.
 */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A comment's sanitized HTML as a short plain-text excerpt: mail quotes what was said, never its markup. */
export function commentExcerpt(contentHtml: string, words = 60): string {
  return excerptOf(htmlToText(contentHtml).replace(/\s+/g, ' ').trim(), words);
}

/** The HTML part: every value escaped by `html`; `body` is built with `html` too. */
export function mailHtml(subject: string, body: SafeHtml, footer: SafeHtml | string): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #222; max-width: 40em; margin: 0 auto; padding: 1em;">
${body}
<hr style="border: none; border-top: 1px solid #ccc; margin-top: 2em;">
<p style="font-size: 0.85em; color: #666;">${footer}</p>
</body>
</html>`.value;
}

/** A quoted excerpt in the HTML part, line breaks kept. */
export function quoteHtml(text: string): SafeHtml {
  return html`<blockquote style="border-left: 3px solid #ccc; margin: 1em 0; padding: 0 1em; color: #444;">${text}</blockquote>`;
}

/** A quoted excerpt in the text part. */
export function quoteText(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

// The moderators' digest: while comments are held faster than anyone wants a mail each, one mail per moderator and
// stretch of time lists the ones still waiting, each with the same signed Approve / Spam / Trash links.
import { html } from '../../kernel/html.js';
import type { MailMessage } from '../mail/index.js';
import { AUTOMATED_HEADERS, type MailPost, type MailSite, mailHtml, oneLine, quoteHtml, quoteText } from './mail-layout.js';
import { type ModerationAction, moderationActions } from './signed-links.js';

export interface DigestComment {
  readonly id: number;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly excerpt: string;
  readonly post: MailPost;
  /** Signed links, one per action. */
  readonly actionUrls: Readonly<Record<ModerationAction, string>>;
}

export interface ModerationDigestInput {
  readonly site: MailSite;
  readonly to: string;
  /** The stretch the comments were held in (ISO UTC; start inclusive, end exclusive). */
  readonly heldFrom: string;
  readonly heldUntil: string;
  /** The first few of the comments held in the stretch and still waiting. */
  readonly comments: readonly DigestComment[];
  /** How many of those are waiting in all, listed or not. */
  readonly total: number;
  /** /admin/comments on the site. */
  readonly adminUrl: string;
  /** Comments waiting for approval on the whole site. */
  readonly pendingCount: number;
}

const ACTION_LABELS: Readonly<Record<ModerationAction, string>> = { approve: 'Approve it', spam: 'Mark it as spam', trash: 'Move it to the trash' };

const countOf = (n: number, one: string, many: string): string => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** "between 09:00 and 09:10 UTC on 2026-03-14": the minutes are what a moderator recognises. */
function stretchOf(from: string, until: string): string {
  const day = from.slice(0, 10);
  const end = until.slice(0, 10) === day ? until.slice(11, 16) : `${until.slice(11, 16)} on ${until.slice(0, 10)}`;
  return `between ${from.slice(11, 16)} and ${end} UTC on ${day}`;
}

function whoOf(comment: DigestComment): string {
  const name = oneLine(comment.authorName, 80) || 'Anonymous';
  const email = oneLine(comment.authorEmail, 100);
  return email ? `${name} <${email}>` : name;
}

function itemText(comment: DigestComment, index: number): string {
  return [
    `${index + 1}. On "${oneLine(comment.post.title)}" (${comment.post.url})`,
    `Author: ${whoOf(comment)}`,
    quoteText(comment.excerpt),
    ...moderationActions.map((action) => `${ACTION_LABELS[action]}: ${comment.actionUrls[action]}`),
  ].join('\n');
}

function itemHtml(comment: DigestComment) {
  return html`<li id="digest-comment-${comment.id}">
<p>On <a href="${comment.post.url}">${oneLine(comment.post.title)}</a>, by ${whoOf(comment)}</p>
${quoteHtml(comment.excerpt)}
<p>${moderationActions.map((action, i) => html`${i > 0 ? ' · ' : ''}<a href="${comment.actionUrls[action]}">${ACTION_LABELS[action]}</a>`)}</p>
</li>`;
}

export function buildModerationDigestMail(input: ModerationDigestInput): MailMessage {
  const lead = input.total === 1 ? '1 comment is waiting for your approval' : `${input.total} comments are waiting for your approval`;
  const subject = `[${oneLine(input.site.title)}] ${lead}`;
  const why =
    `They were held ${stretchOf(input.heldFrom, input.heldUntil)}. Comments are being held faster than usual, ` +
    'so they come in this one mail instead of one mail each.';
  const unlisted = input.total - input.comments.length;
  const more = unlisted > 0 ? `${countOf(unlisted, 'more is', 'more are')} not listed here: see the comments screen.` : '';
  const waiting = `Currently ${countOf(input.pendingCount, 'comment is', 'comments are')} waiting for approval.`;
  const text = [
    lead,
    why,
    '',
    ...input.comments.flatMap((comment, i) => [itemText(comment, i), '']),
    ...(more ? [more] : []),
    ...(input.pendingCount > 0 ? [waiting] : []),
    `All comments: ${input.adminUrl}`,
  ].join('\n');
  const body = html`<p><strong>${lead}</strong></p>
<p>${why}</p>
<ol>${input.comments.map(itemHtml)}</ol>
${more ? html`<p>${more}</p>` : ''}
${input.pendingCount > 0 ? html`<p>${waiting}</p>` : ''}
<p><a href="${input.adminUrl}">All comments</a></p>`;
  const footer = html`You get this mail as a moderator of ${oneLine(input.site.title)}. The links work for 14 days and each asks you to confirm.`;
  return { to: input.to, subject, text, html: mailHtml(subject, body, footer), headers: { ...AUTOMATED_HEADERS } };
}

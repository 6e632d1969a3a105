// The mail to the owner and the post's author about one comment: held for moderation, or (if they asked) any new
// one, with signed one-click links that lead to a confirmation page (never an action on a mere GET).
import { html } from '../../kernel/html.js';
import type { MailMessage } from '../mail/index.js';
import { AUTOMATED_HEADERS, type MailPost, type MailSite, mailHtml, oneLine, quoteHtml, quoteText } from './mail-layout.js';
import { type ModerationAction, moderationActions } from './signed-links.js';
import { commentUrl } from './subscriber-mail.js';

/** 'held': waiting for approval; 'new': approved and published, mailed because commentNotifyAuthor is on. */
export type ModerationReason = 'held' | 'new';

export interface ModerationMailInput {
  readonly site: MailSite;
  readonly to: string;
  readonly reason: ModerationReason;
  readonly post: MailPost;
  readonly comment: {
    readonly id: number;
    readonly authorName: string;
    readonly authorEmail: string;
    readonly authorUrl: string;
    readonly excerpt: string;
  };
  /** Signed links, one per action offered (for a 'new' comment, approving is moot: only spam and trash). */
  readonly actionUrls: Partial<Readonly<Record<ModerationAction, string>>>;
  /** /admin/comments on the site. */
  readonly adminUrl: string;
  /** Comments waiting for approval in all, this one included. */
  readonly pendingCount: number;
}

const ACTION_LABELS: Readonly<Record<ModerationAction, string>> = { approve: 'Approve it', spam: 'Mark it as spam', trash: 'Move it to the trash' };

/** The actions a mail offers for a comment in this state. */
export function moderationActionsFor(reason: ModerationReason): readonly ModerationAction[] {
  return reason === 'held' ? moderationActions : moderationActions.filter((action) => action !== 'approve');
}

export function buildModerationMail(input: ModerationMailInput): MailMessage {
  const { site, post, comment } = input;
  const title = oneLine(post.title);
  const subject =
    input.reason === 'held' ? `[${oneLine(site.title)}] Please moderate: "${title}"` : `[${oneLine(site.title)}] Comment: "${title}"`;
  const lead =
    input.reason === 'held' ? `A new comment on the post "${title}" is waiting for your approval` : `New comment on your post "${title}"`;
  const name = oneLine(comment.authorName, 80) || 'Anonymous';
  const who = [`Author: ${name}`, `Email: ${oneLine(comment.authorEmail, 100) || '(none given)'}`, `URL: ${oneLine(comment.authorUrl, 200) || '(none given)'}`];
  const actions = moderationActions.flatMap((action) => {
    const url = input.actionUrls[action];
    return url === undefined ? [] : [{ label: ACTION_LABELS[action], url }];
  });
  const waiting =
    input.pendingCount === 1 ? 'Currently 1 comment is waiting for approval.' : `Currently ${input.pendingCount} comments are waiting for approval.`;
  const link = input.reason === 'held' ? post.url : commentUrl(post, comment.id);
  const text = [
    lead,
    link,
    '',
    ...who,
    'Comment:',
    quoteText(comment.excerpt),
    '',
    ...actions.map((action) => `${action.label}: ${action.url}`),
    '',
    ...(input.pendingCount > 0 ? [waiting] : []),
    `All comments: ${input.adminUrl}`,
  ].join('\n');
  const body = html`<p>${lead}: <a href="${link}">${title}</a></p>
<ul>${who.map((line) => html`<li>${line}</li>`)}</ul>
${quoteHtml(comment.excerpt)}
<p>${actions.map((action, i) => html`${i > 0 ? ' · ' : ''}<a href="${action.url}">${action.label}</a>`)}</p>
${input.pendingCount > 0 ? html`<p>${waiting}</p>` : ''}
<p><a href="${input.adminUrl}">All comments</a></p>`;
  const footer = html`You get this mail as a moderator of ${oneLine(site.title)}. The links work for 14 days and each asks you to confirm.`;
  return { to: input.to, subject, text, html: mailHtml(subject, body, footer), headers: { ...AUTOMATED_HEADERS } };
}

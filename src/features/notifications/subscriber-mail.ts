// The mail subscribers get: the double opt-in confirmation, a new comment (or a reply to theirs), a new post.
import { html } from '../../kernel/html.js';
import type { MailMessage } from '../mail/index.js';
import { unsubscribeHeaders } from '../mail/index.js';
import type { SubscriptionKind } from '../subscriptions/index.js';
import { AUTOMATED_HEADERS, type MailPost, type MailSite, mailHtml, oneLine, quoteHtml, quoteText } from './mail-layout.js';

export interface ConfirmationMailInput {
  readonly site: MailSite;
  readonly to: string;
  readonly kind: SubscriptionKind;
  /** The post followed; undefined for 'posts' (the whole site). */
  readonly post: MailPost | undefined;
  readonly confirmUrl: string;
  /** How long the link works, for the reader ("7 days"). */
  readonly validFor: string;
}

function subscriptionAim(kind: SubscriptionKind, site: MailSite, post: MailPost | undefined): string {
  const title = oneLine(post?.title ?? '');
  if (kind === 'posts' || !post) return `new posts on ${oneLine(site.title)}`;
  return kind === 'replies' ? `replies to your comments on "${title}"` : `new comments on "${title}"`;
}

export function buildConfirmationMail(input: ConfirmationMailInput): MailMessage {
  const { site, post } = input;
  const aim = subscriptionAim(input.kind, site, post);
  const subject = `[${oneLine(site.title)}] Please confirm your subscription`;
  const text = [
    `Someone, hopefully you, asked to be notified by e-mail of ${aim}.`,
    '',
    `To confirm, open this link and press the button (within ${input.validFor}):`,
    input.confirmUrl,
    '',
    'If it was not you, ignore this mail: nothing will be sent to you unless you confirm.',
    '',
    `-- ${site.publicUrl}`,
  ].join('\n');
  const body = html`<p>Someone, hopefully you, asked to be notified by e-mail of ${aim}.</p>
<p><a href="${input.confirmUrl}">Confirm your subscription</a> (the link works for ${input.validFor}).</p>
<p>If it was not you, ignore this mail: nothing will be sent to you unless you confirm.</p>`;
  return { to: input.to, subject, text, html: mailHtml(subject, body, site.publicUrl), headers: { ...AUTOMATED_HEADERS } };
}

export interface CommentNotificationInput {
  readonly site: MailSite;
  readonly to: string;
  readonly post: MailPost;
  readonly comment: { readonly id: number; readonly authorName: string; readonly excerpt: string };
  /** The comment answers one of the subscriber's own. */
  readonly isReplyToSubscriber: boolean;
  readonly unsubscribeUrl: string;
}

/** `#comment-ID` on the post: where the comment is shown. */
export function commentUrl(post: MailPost, commentId: number): string {
  return `${post.url}#comment-${commentId}`;
}

export function buildCommentNotification(input: CommentNotificationInput): MailMessage {
  const { site, post, comment } = input;
  const name = oneLine(comment.authorName, 80) || 'Anonymous';
  const title = oneLine(post.title);
  const subject = input.isReplyToSubscriber
    ? `[${oneLine(site.title)}] ${name} replied to your comment on "${title}"`
    : `[${oneLine(site.title)}] New comment on "${title}"`;
  const lead = input.isReplyToSubscriber ? `${name} replied to your comment on "${title}":` : `${name} commented on "${title}":`;
  const link = commentUrl(post, comment.id);
  const text = [
    lead,
    '',
    quoteText(comment.excerpt),
    '',
    `Read it and reply: ${link}`,
    '',
    `You get this mail because you subscribed to ${input.isReplyToSubscriber ? 'replies to your comments' : 'new comments'} on this post.`,
    `Unsubscribe: ${input.unsubscribeUrl}`,
  ].join('\n');
  const body = html`<p>${lead}</p>
${quoteHtml(comment.excerpt)}
<p><a href="${link}">Read it and reply</a></p>`;
  const footer = html`You get this mail because you subscribed to ${input.isReplyToSubscriber ? 'replies to your comments' : 'new comments'} on
“${title}”. <a href="${input.unsubscribeUrl}">Unsubscribe</a>.`;
  return {
    to: input.to,
    subject,
    text,
    html: mailHtml(subject, body, footer),
    headers: { ...AUTOMATED_HEADERS, ...unsubscribeHeaders(input.unsubscribeUrl) },
  };
}

export interface PostNotificationInput {
  readonly site: MailSite;
  readonly to: string;
  readonly post: MailPost & { readonly excerpt: string; readonly authorName: string };
  readonly unsubscribeUrl: string;
}

export function buildPostNotification(input: PostNotificationInput): MailMessage {
  const { site, post } = input;
  const title = oneLine(post.title);
  const subject = `[${oneLine(site.title)}] New post: ${title}`;
  const byline = post.authorName ? ` by ${oneLine(post.authorName, 80)}` : '';
  const text = [
    `A new post${byline} on ${oneLine(site.title)}: "${title}"`,
    '',
    quoteText(post.excerpt),
    '',
    `Read it: ${post.url}`,
    '',
    'You get this mail because you subscribed to new posts on this site.',
    `Unsubscribe: ${input.unsubscribeUrl}`,
  ].join('\n');
  const body = html`<p>A new post${byline} on ${oneLine(site.title)}:</p>
<h1 style="font-size: 1.3em;"><a href="${post.url}">${title}</a></h1>
${quoteHtml(post.excerpt)}
<p><a href="${post.url}">Read it</a></p>`;
  const footer = html`You get this mail because you subscribed to new posts on ${oneLine(site.title)}. <a href="${input.unsubscribeUrl}">Unsubscribe</a>.`;
  return {
    to: input.to,
    subject,
    text,
    html: mailHtml(subject, body, footer),
    headers: { ...AUTOMATED_HEADERS, ...unsubscribeHeaders(input.unsubscribeUrl) },
  };
}

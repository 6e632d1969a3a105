// Pure notification rules: signed links (purpose, lifetime, tampering) and what the builders put in headers.
import { describe, expect, it } from 'vitest';
import { createSigner } from '../../kernel/signed.js';
import { buildCommentNotification, buildModerationMail, createLinkMaker, oneLine, openModerationLink, openSubscriptionLink } from './index.js';

const signer = createSigner('test secret');
const now = new Date('2026-03-14T09:00:00.000Z');
const DAY = 24 * 3_600_000;
const links = createLinkMaker(signer, 'https://blog.example/', now);
const tokenOf = (url: string) => url.split('/').at(-1) as string;
const later = (days: number) => new Date(now.getTime() + days * DAY);

describe('signed links', () => {
  const subscription = { id: 7, email: 'ann@example.test' };

  it('are absolute, on the site, and read back while they live', () => {
    const url = links.confirmUrl(subscription);
    expect(url.startsWith('https://blog.example/subscriptions/confirm/')).toBe(true);
    expect(openSubscriptionLink(signer, 'confirm', tokenOf(url), later(6.9))).toMatchObject({ status: 'valid', data: { subscriptionId: 7 } });
    expect(openSubscriptionLink(signer, 'confirm', tokenOf(url), later(7.1))).toEqual({ status: 'expired' });
    expect(openSubscriptionLink(signer, 'unsubscribe', tokenOf(links.unsubscribeUrl(subscription)), later(364))).toMatchObject({ status: 'valid' });
    expect(openSubscriptionLink(signer, 'unsubscribe', tokenOf(links.unsubscribeUrl(subscription)), later(366))).toEqual({ status: 'expired' });
    expect(openModerationLink(signer, tokenOf(links.moderateUrl(3, 'spam')), later(13))).toEqual({ status: 'valid', data: { commentId: 3, action: 'spam' } });
    expect(openModerationLink(signer, tokenOf(links.moderateUrl(3, 'spam')), later(15))).toEqual({ status: 'expired' });
  });

  it('of one kind are not valid as another, nor when signed with another secret or altered', () => {
    const confirm = tokenOf(links.confirmUrl(subscription));
    expect(openSubscriptionLink(signer, 'unsubscribe', confirm, now)).toEqual({ status: 'invalid' });
    expect(openModerationLink(signer, confirm, now)).toEqual({ status: 'invalid' });
    expect(openSubscriptionLink(createSigner('other secret'), 'confirm', confirm, now)).toEqual({ status: 'invalid' });
    expect(openSubscriptionLink(signer, 'confirm', `x${confirm}`, now)).toEqual({ status: 'invalid' });
    expect(openSubscriptionLink(signer, 'confirm', '', now)).toEqual({ status: 'invalid' });
  });

  it('do not carry the address in clear', () => {
    const token = tokenOf(links.unsubscribeUrl(subscription));
    expect(Buffer.from(token.split('.')[0] as string, 'base64url').toString('utf8')).not.toContain('ann');
  });
});

describe('message builders', () => {
  const site = { title: 'Blog\r\nBcc: victim@example.test', publicUrl: 'https://blog.example' };
  const post = { title: 'Line\nbreak', url: 'https://blog.example/2026/03/14/p/' };

  it('keep subjects on one line whatever names and titles hold', () => {
    expect(oneLine('a\r\nb\u2028c\u0000d')).toBe('a b c d');
    const mail = buildCommentNotification({
      site, to: 'r@example.test', post, comment: { id: 1, authorName: 'Eve\r\nX-Evil: 1', excerpt: 'Hi' }, isReplyToSubscriber: true,
      unsubscribeUrl: 'https://blog.example/subscriptions/unsubscribe/t.s',
    });
    expect(mail.subject).toBe('[Blog Bcc: victim@example.test] Eve X-Evil: 1 replied to your comment on "Line break"');
    expect(mail.headers).toMatchObject({ 'List-Unsubscribe': '<https://blog.example/subscriptions/unsubscribe/t.s>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('offer only the actions given, with no unsubscribe headers on moderation mail', () => {
    const mail = buildModerationMail({
      site, to: 'admin@example.test', reason: 'new', post,
      comment: { id: 4, authorName: 'Al', authorEmail: 'al@example.test', authorUrl: '', excerpt: 'Hello' },
      actionUrls: { spam: 'https://blog.example/comments/moderate/s', trash: 'https://blog.example/comments/moderate/t' },
      adminUrl: 'https://blog.example/admin/comments', pendingCount: 0,
    });
    expect(mail.text).not.toContain('Approve it');
    expect(mail.text).toContain('Mark it as spam: https://blog.example/comments/moderate/s');
    expect(mail.text).not.toContain('waiting for approval.');
    expect(mail.headers).not.toHaveProperty('List-Unsubscribe');
  });
});

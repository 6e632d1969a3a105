// The pages mailed links open: confirm a subscription, unsubscribe (also RFC 8058 one-click), moderate a comment.
// A GET only shows what the button will do (mail scanners follow links); the POST acts. The signed token in
// the address is the POST's only credential and its CSRF defence: no one can forge one for another comment.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type CommentStatus, commentNotFound } from '../../features/comments/index.js';
import {
  type LinkKind, type ModerationAction, type OpenedLink, commentExcerpt, openModerationLink, openSubscriptionLink,
  signedLinkExpired, signedLinkInvalid,
} from '../../features/notifications/index.js';
import { type Subscription, subscriberDigest, subscriptionNotFound } from '../../features/subscriptions/index.js';
import type { SafeHtml } from '../../kernel/html.js';
import { type SignedLinkDoneVM, type SignedLinkPromptVM, renderSignedLinkDone, renderSignedLinkPrompt } from '../../../themes/default/notices.js';
import type { HttpDeps } from '../deps.js';
import { loadSiteContext } from './context.js';
import { sendPage } from './page.js';

interface TokenParams {
  token: string;
}

const ACTIONS: Readonly<Record<ModerationAction, { status: CommentStatus; button: string; done: string }>> = {
  approve: { status: 'approved', button: 'Approve comment', done: 'Comment approved' },
  spam: { status: 'spam', button: 'Mark as spam', done: 'Comment marked as spam' },
  trash: { status: 'trash', button: 'Move to trash', done: 'Comment moved to the trash' },
};

const STATUS_WORDS: Readonly<Record<CommentStatus, string>> = { pending: 'waiting for approval', approved: 'approved', spam: 'spam', trash: 'in the trash' };

const ADMIN_LINK = { href: '/admin/comments', label: 'All comments' };

function dataOf<T>(opened: OpenedLink<T>, kind: LinkKind): T {
  if (opened.status === 'expired') throw signedLinkExpired(kind);
  if (opened.status === 'invalid') throw signedLinkInvalid(kind);
  return opened.data;
}

export function registerSignedLinkRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { subscriptions, posts, comments } = deps.services;
  const now = () => deps.clock.now();

  async function send(reply: FastifyReply, title: string, main: SafeHtml, status = 200) {
    const ctx = await loadSiteContext(deps.services);
    // The address holds a credential: no cache keeps the page, no search engine lists it.
    reply.header('Cache-Control', 'no-store');
    return sendPage(deps, reply, ctx, { pageTitle: title, canonicalPath: null, robots: 'noindex' }, main, status);
  }
  const prompt = (reply: FastifyReply, vm: SignedLinkPromptVM) => send(reply, vm.heading, renderSignedLinkPrompt(vm));
  const done = (reply: FastifyReply, vm: SignedLinkDoneVM) => send(reply, vm.heading, renderSignedLinkDone(vm));

  /** The subscription a link names, while it still belongs to the address the link was mailed to. */
  async function subscriptionOf(data: { subscriptionId: number; emailDigest: string }): Promise<Subscription | undefined> {
    const found = await subscriptions.find(data.subscriptionId);
    return found && subscriberDigest(found.email) === data.emailDigest ? found : undefined;
  }

  /** "new comments on “Title”", and the post's address when there is one to go back to. */
  async function describe(subscription: Subscription): Promise<{ text: string; href: string }> {
    if (subscription.kind === 'posts') return { text: 'new posts on this site', href: '/' };
    const post = await posts.findById(subscription.postId);
    const title = post?.title ?? 'a post that is gone';
    const href = post?.status === 'published' ? (await posts.permalinks())(post) : '/';
    return { text: subscription.kind === 'replies' ? `replies to your comments on “${title}”` : `new comments on “${title}”`, href };
  }

  void app.register(async (scope) => {
    // RFC 8058 lets mail providers send the one-click POST as multipart too; here only, and its body is not needed.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, _body, next) => next(null, {}));

    scope.get<{ Params: TokenParams }>('/subscriptions/confirm/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openSubscriptionLink(deps.signer, 'confirm', request.params.token, now()), 'confirm');
      const subscription = await subscriptionOf(data);
      if (!subscription) throw subscriptionNotFound();
      const aim = await describe(subscription);
      if (subscription.status === 'active') {
        return done(reply, { heading: 'You are subscribed', message: `This address already gets an e-mail about ${aim.text}.`, links: [{ href: aim.href, label: 'Back to the site' }] });
      }
      return prompt(reply, {
        heading: 'Confirm your subscription',
        message: `Press the button to get an e-mail about ${aim.text}. Every mail has a link to unsubscribe.`,
        facts: [],
        quote: null,
        action: request.url,
        buttonLabel: 'Confirm subscription',
        link: null,
      });
    });

    scope.post<{ Params: TokenParams }>('/subscriptions/confirm/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openSubscriptionLink(deps.signer, 'confirm', request.params.token, now()), 'confirm');
      const subscription = await subscriptions.confirm(data.subscriptionId, data.emailDigest);
      const aim = await describe(subscription);
      return done(reply, {
        heading: 'Subscription confirmed',
        message: `You will get an e-mail about ${aim.text}. Each one has a link to unsubscribe.`,
        links: [{ href: aim.href, label: 'Back to the site' }],
      });
    });

    scope.get<{ Params: TokenParams }>('/subscriptions/unsubscribe/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openSubscriptionLink(deps.signer, 'unsubscribe', request.params.token, now()), 'unsubscribe');
      const subscription = await subscriptionOf(data);
      if (!subscription) {
        return done(reply, { heading: 'You are unsubscribed', message: 'This address gets no more mail from this subscription.', links: [{ href: '/', label: 'Back to the site' }] });
      }
      const aim = await describe(subscription);
      return prompt(reply, {
        heading: 'Unsubscribe',
        message: `Press the button to stop the e-mails about ${aim.text}.`,
        facts: [],
        quote: null,
        action: request.url,
        buttonLabel: 'Unsubscribe',
        link: { href: aim.href, label: 'Stay subscribed and go back to the site' },
      });
    });

    // Also the RFC 8058 one-click POST (body "List-Unsubscribe=One-Click"): any body does, the token decides.
    scope.post<{ Params: TokenParams }>('/subscriptions/unsubscribe/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openSubscriptionLink(deps.signer, 'unsubscribe', request.params.token, now()), 'unsubscribe');
      await subscriptions.unsubscribe(data.subscriptionId, data.emailDigest);
      return done(reply, { heading: 'You are unsubscribed', message: 'This address gets no more mail from this subscription.', links: [{ href: '/', label: 'Back to the site' }] });
    });

    scope.get<{ Params: TokenParams }>('/comments/moderate/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openModerationLink(deps.signer, request.params.token, now()), 'moderate');
      const comment = await comments.find(data.commentId);
      if (!comment) throw commentNotFound();
      const action = ACTIONS[data.action];
      if (comment.status === action.status) {
        return done(reply, { heading: action.done, message: `This comment is ${STATUS_WORDS[comment.status]} already.`, links: [ADMIN_LINK] });
      }
      const post = await posts.findById(comment.postId);
      return prompt(reply, {
        heading: `${action.button}?`,
        message: `This comment is ${STATUS_WORDS[comment.status]}.`,
        facts: [`Author: ${comment.authorName}`, `Post: ${post?.title ?? '(deleted)'}`],
        quote: commentExcerpt(comment.contentHtml),
        action: request.url,
        buttonLabel: action.button,
        link: ADMIN_LINK,
      });
    });

    scope.post<{ Params: TokenParams }>('/comments/moderate/:token', { config: { access: 'public' } }, async (request, reply) => {
      const data = dataOf(openModerationLink(deps.signer, request.params.token, now()), 'moderate');
      const comment = await comments.find(data.commentId);
      if (!comment) throw commentNotFound();
      const action = ACTIONS[data.action];
      if (comment.status !== action.status) await comments.setStatus(comment.id, action.status);
      request.log.info({ commentId: comment.id, status: action.status }, 'comment moderated through a mailed link');
      const post = action.status === 'approved' ? await posts.findById(comment.postId) : undefined;
      const links = post?.status === 'published' ? [{ href: `${(await posts.permalinks())(post)}#comment-${comment.id}`, label: 'See it on the post' }, ADMIN_LINK] : [ADMIN_LINK];
      return done(reply, { heading: action.done, message: 'Done. You can change it again from the comments screen.', links });
    });
  });
}

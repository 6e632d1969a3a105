// /admin/comments/:id/reply (a moderator's reply, approved at once) and /admin/comments/:id/edit (author fields,
// text and status of a comment). A refused reply or edit comes back with what was typed and the error beside it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Comment, commentNotFound, commentStatuses } from '../../features/comments/index.js';
import type { User } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { type FieldVM, renderCommentEdit } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { isId, moderationHref, returnView } from './comments.present.js';
import { MODERATE, sendModerationList } from './comments-list.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');

interface EditValues {
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string;
  readonly source: string;
  readonly status: string;
}

const STATUS_LABELS = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' } as const;

function editFields(values: EditValues, errors: Readonly<Record<string, string>>): FieldVM[] {
  return [
    { control: 'text', name: 'authorName', label: 'Name', value: values.authorName, error: errors.authorName },
    { control: 'email', name: 'authorEmail', label: 'E-mail', value: values.authorEmail, error: errors.authorEmail },
    { control: 'text', name: 'authorUrl', label: 'Website', value: values.authorUrl, error: errors.authorUrl },
    { control: 'textarea', name: 'source', label: 'Comment', value: values.source, rows: 10, error: errors.source, hint: 'Markdown; the text is sanitized again when saved.' },
    {
      control: 'radios', name: 'status', label: 'Status', value: values.status, error: errors.status,
      options: commentStatuses.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    },
  ];
}

function commentId(raw: string): number {
  if (!isId(raw)) throw commentNotFound();
  return Number(raw);
}

export function registerCommentEditRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { comments } = deps.services;

  async function load(id: number): Promise<Comment> {
    const comment = await comments.find(id);
    if (!comment) throw commentNotFound();
    return comment;
  }

  async function editPage(
    request: FastifyRequest, reply: FastifyReply, user: User, comment: Comment, values: EditValues,
    errors: Readonly<Record<string, string>>, status = 200,
  ) {
    const post = await deps.services.posts.findById(comment.postId);
    const fields = editFields(values, errors);
    const main = renderCommentEdit({
      heading: 'Edit Comment',
      action: `${ADMIN_PATHS.comments}/${comment.id}/edit`,
      csrfToken: deps.csrf.tokenFor(request, reply),
      post: { href: `/?p=${comment.postId}`, label: post?.title || '(no title)' },
      fields,
      errorSummary: Object.keys(errors).length > 0 ? 'The comment was not updated. Please correct the following:' : null,
      backHref: moderationHref({ status: comment.status }),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Edit Comment', user, section: 'comments' }, main, status);
  }

  app.get<{ Params: { id: string } }>(`${ADMIN_PATHS.comments}/:id/edit`, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const comment = await load(commentId(request.params.id));
    const source = await comments.sourceOf(comment.id);
    const values = { authorName: comment.authorName, authorEmail: comment.authorEmail, authorUrl: comment.authorUrl, source, status: comment.status };
    return editPage(request, reply, user, comment, values, {});
  });

  app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.comments}/:id/edit`, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const comment = await load(commentId(request.params.id));
    const values: EditValues = {
      authorName: text(body.authorName), authorEmail: text(body.authorEmail), authorUrl: text(body.authorUrl), source: text(body.source), status: text(body.status),
    };
    try {
      await comments.edit(comment.id, values);
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'too_large')) throw error;
      const errors = (error.details?.fields ?? { source: error.message }) as Record<string, string>;
      return editPage(request, reply, user, comment, values, errors, statusOf(error.kind));
    }
    request.log.info({ commentId: comment.id, userId: user.id }, 'comment edited');
    return markAdminResponse(reply).redirect(moderationHref({ status: comment.status }, { done: 'edited' }), 303);
  });

  app.post<{ Params: { id: string }; Body: Fields }>(`${ADMIN_PATHS.comments}/:id/reply`, { config: MODERATE }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const id = commentId(request.params.id);
    const source = text(body.source);
    const view = returnView(body);
    try {
      const replyId = await comments.reply(id, source, user);
      request.log.info({ commentId: replyId, parentId: id, userId: user.id }, 'moderator replied');
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'too_large')) throw error;
      const fields = error.details?.fields as Record<string, string> | undefined;
      const message = fields?.source ?? error.message;
      return sendModerationList(deps, request, reply, user, view, {
        notice: `Your reply was not posted: ${message}`, reply: { commentId: id, value: source, error: message }, status: statusOf(error.kind),
      });
    }
    return markAdminResponse(reply).redirect(moderationHref(view, { done: 'replied' }), 303);
  });
}

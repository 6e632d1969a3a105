// Edit locks at the editor: "X is currently editing this post" with Go back / Take over, and the lock the editor's
// script renews every minute (/admin/posts/:id/lock).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Post } from '../../features/posts/index.js';
import type { User } from '../../features/users/index.js';
import { AppError } from '../../kernel/errors.js';
import { renderEditLockNotice } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { EDITOR_PATHS, editablePost } from './editor.page.js';
import { textOf } from './editor.present.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';

type Fields = Readonly<Record<string, unknown>>;

function postLocked(holderName: string): AppError {
  return new AppError({
    code: 'POST_LOCKED', kind: 'conflict',
    message: `${holderName} has taken over and is currently editing. Your latest changes were saved as an autosave.`,
  });
}

export async function sendEditLockNotice(
  deps: HttpDeps, request: FastifyRequest, reply: FastifyReply, user: User, post: Post, holderId: number,
): Promise<FastifyReply> {
  const holder = await deps.services.users.findById(holderId);
  const word = post.type === 'page' ? 'page' : 'post';
  const main = renderEditLockNotice({
    heading: `Edit ${post.type === 'page' ? 'Page' : 'Post'}: ${post.title}`,
    message: `${holder?.displayName ?? 'Someone'} is currently editing this ${word}. Do you want to take over?`,
    backHref: post.type === 'page' ? ADMIN_PATHS.pages : ADMIN_PATHS.posts,
    takeOverAction: EDITOR_PATHS.lock(post.id),
    csrfToken: deps.csrf.tokenFor(request, reply),
  });
  return sendAdminPage(deps, request, reply, { pageTitle: `Edit ${word}`, user, section: post.type === 'page' ? 'pages' : 'posts' }, main);
}

export function registerEditLockRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { revisions, users } = deps.services;

  // take_over=1 (the notice's button): the lock becomes this person's, and the editor opens. release=1: given up.
  // Otherwise (the script's renewal): renewed while it is still theirs; 409 POST_LOCKED once someone else took it.
  app.post<{ Params: { id: string }; Body: Fields }>('/admin/posts/:id/lock', { config: { access: { capability: 'edit_posts' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const post = await editablePost(deps, request.params.id, user);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    if (textOf(body.release) === '1') {
      // The editor was left (its script's beacon on pagehide, as WordPress's post.js): others may open it now.
      await revisions.unlock(post.id, user);
      return markAdminResponse(reply).send({ locked: false });
    }
    const takeOver = textOf(body.take_over) === '1';
    const holder = takeOver ? undefined : await revisions.lockHolder(post.id, user);
    if (holder) throw postLocked((await users.findById(holder.userId))?.displayName ?? 'Someone');
    await revisions.lock(post, user);
    if (takeOver) {
      request.log.info({ userId: user.id, postId: post.id }, 'edit lock taken over');
      return markAdminResponse(reply).redirect(EDITOR_PATHS.edit(post.id), 303);
    }
    return markAdminResponse(reply).send({ locked: true });
  });
}

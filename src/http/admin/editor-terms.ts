// The editor's term helpers: "+ Add New Category" (a small POST answering the new checkbox) and tag suggestions
// (/admin/tags/suggest?q=, JSON for the tags field's datalist).
import type { FastifyInstance } from 'fastify';
import type { Term } from '../../features/taxonomy/index.js';
import { type User, can } from '../../features/users/index.js';
import { renderCategoryChoice } from '../../../themes/default/index.js';
import { accessDenied } from '../access.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { textOf } from './editor.present.js';
import { EDITOR_PATHS } from './editor.page.js';
import { markAdminResponse } from './page.js';

type Fields = Readonly<Record<string, unknown>>;

const SUGGESTIONS = 10;

/**
 * Makes a category as the editor asks (needs manage_categories, as WordPress). A bad name or parent is the taxonomy's
 * refusal (TERM_NAME_INVALID, TERM_PARENT_INVALID…): the form shows it by the field, the script gets it as JSON.
 */
export async function addCategory(deps: HttpDeps, user: User, wanted: { readonly name: string; readonly parent: string }): Promise<Term> {
  if (!can(user.role, 'manage_categories')) throw accessDenied();
  // Not a number: an id no category has, which the taxonomy refuses like any missing parent.
  const parentId = wanted.parent === '' ? null : /^\d{1,9}$/.test(wanted.parent) ? Number(wanted.parent) : 0;
  return deps.services.taxonomy.create('category', { name: wanted.name, parentId });
}

export function registerEditorTermRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.post<{ Body: Fields }>(EDITOR_PATHS.addCategory, { config: { access: { capability: 'manage_categories' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const term = await addCategory(deps, user, { name: textOf(body.new_category_name), parent: textOf(body.new_category_parent) });
    request.log.info({ userId: user.id, termId: term.id }, 'category added from the editor');
    const checkbox = renderCategoryChoice({ id: term.id, name: term.name, checked: true, children: [] }).toString();
    return markAdminResponse(reply).send({ id: term.id, name: term.name, parentId: term.parentId, html: checkbox });
  });

  app.get<{ Querystring: Fields }>(EDITOR_PATHS.tagSuggest, { config: { access: { capability: 'edit_posts' }, surface: 'api' } }, async (request, reply) => {
    const words = textOf(request.query.q).trim().toLowerCase().slice(0, 200);
    const tags = words === '' ? [] : await deps.services.taxonomy.listWithCounts('post_tag');
    const names = tags
      .filter((t) => t.name.toLowerCase().includes(words))
      .sort((a, b) => Number(b.name.toLowerCase().startsWith(words)) - Number(a.name.toLowerCase().startsWith(words)) || b.count - a.count)
      .slice(0, SUGGESTIONS)
      .map((t) => t.name);
    return markAdminResponse(reply).send(names);
  });
}

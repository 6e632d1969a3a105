// /admin/categories/:id/edit and /admin/tags/:id/edit: one term's form, its Delete button and "Merge into…".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Term } from '../../features/taxonomy/index.js';
import type { User } from '../../features/users/index.js';
import { AppError } from '../../kernel/errors.js';
import { renderTermEdit } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import type { HttpDeps } from '../deps.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { type TermFormValues, type TermScreen, archiveHref, mergeFields, parentIdOf, readTermForm, termFields, valuesOf } from './terms.present.js';
import { MANAGE_TERMS, MAX_TERM_ID, TERM_ID, formErrorOf } from './terms.route.js';

type Fields = Readonly<Record<string, unknown>>;
type IdParams = { id: string };

function termNotFound(screen: TermScreen): AppError {
  return new AppError({ code: 'TERM_NOT_FOUND', kind: 'not_found', message: `There is no such ${screen.noun}. It may have been deleted or merged already.` });
}

interface EditState {
  readonly values?: TermFormValues;
  readonly errors?: Readonly<Record<string, string>>;
  readonly mergeError?: string;
  readonly notice?: string | null;
}

export function registerTermEditRoutes(app: FastifyInstance, deps: HttpDeps, screen: TermScreen): void {
  const { taxonomy } = deps.services;
  const editPath = `${screen.base}/:id/edit`;

  /** The term of this screen named by the path, or 404 (an id of the other taxonomy included). */
  async function termOf(raw: string): Promise<Term> {
    const term = TERM_ID.test(raw) && Number(raw) <= MAX_TERM_ID ? await taxonomy.findById(Number(raw)) : undefined;
    if (!term || term.taxonomy !== screen.taxonomy) throw termNotFound(screen);
    return term;
  }

  async function sendEdit(request: FastifyRequest, reply: FastifyReply, user: User, term: Term, state: EditState, status = 200) {
    const [all, categories, paths, fallback] = await Promise.all([
      taxonomy.listPage(screen.taxonomy, { page: 1, perPage: Number.MAX_SAFE_INTEGER }),
      taxonomy.listPage('category', { page: 1, perPage: Number.MAX_SAFE_INTEGER }),
      taxonomy.categoryPaths(),
      screen.taxonomy === 'category' ? taxonomy.defaultCategory() : undefined,
    ]);
    const below = new Set(screen.taxonomy === 'category' ? await taxonomy.categoryWithDescendants(term.id) : [term.id]);
    const errors = state.errors ?? {};
    const isDefault = fallback?.id === term.id;
    const action = `${screen.base}/${term.id}`;
    const main = renderTermEdit({
      heading: `Edit ${screen.singular}`,
      notice: state.notice ?? null,
      csrfToken: deps.csrf.tokenFor(request, reply),
      form: {
        heading: `Edit ${screen.singular}`, action: `${action}/edit`, submitLabel: 'Update',
        fields: termFields(screen, state.values ?? valuesOf(term), errors, categories.items, below),
        errorSummary: Object.keys(errors).length > 0 ? `The ${screen.noun} was not updated:` : null,
      },
      backHref: screen.base,
      backLabel: `Go to ${screen.plural}`,
      viewHref: archiveHref(screen, term, paths),
      remove: isDefault ? null : { action: `${action}/delete`, label: `Delete this ${screen.noun}` },
      merge: isDefault ? null : {
        heading: 'Merge into…', action: `${action}/merge`, submitLabel: 'Merge',
        // Into anything but itself; a category not into one of its own subcategories.
        fields: mergeFields(screen, term, all.items.filter((t) => !below.has(t.id)), state.mergeError),
        errorSummary: state.mergeError ? `The ${screen.plural.toLowerCase()} were not merged:` : null,
      },
      defaultNote: isDefault ? `This is the default ${screen.noun}: posts left without a category are filed under it, so it cannot be deleted nor merged away.` : null,
    });
    return sendAdminPage(deps, request, reply, { pageTitle: `Edit ${screen.singular}`, user, section: screen.section }, main, status);
  }

  app.get<{ Params: IdParams; Querystring: Fields }>(editPath, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const term = await termOf(request.params.id);
    const done = request.query.done;
    const notice = done === 'updated' || done === 'merged' ? (screen.notices[done] ?? null) : null;
    return sendEdit(request, reply, user, term, { notice });
  });

  app.post<{ Params: IdParams; Body: Fields }>(editPath, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const term = await termOf(request.params.id);
    const values = readTermForm(body);
    try {
      await taxonomy.update(term.id, {
        name: values.name, description: values.description,
        // An emptied slug keeps the one the term has: its address does not change by accident.
        ...(values.slug ? { slug: values.slug } : {}),
        ...(screen.taxonomy === 'category' ? { parentId: parentIdOf(values.parent) } : {}),
      });
    } catch (error) {
      const refused = formErrorOf(error);
      if (!refused) throw error;
      return sendEdit(request, reply, user, term, { values, errors: refused.errors }, refused.status);
    }
    request.log.info({ termId: term.id, userId: user.id }, 'term updated');
    return markAdminResponse(reply).redirect(`${screen.base}/${term.id}/edit?done=updated`, 303);
  });

  app.post<{ Params: IdParams; Body: Fields }>(`${screen.base}/:id/delete`, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    deps.csrf.verify(request, request.body?._csrf);
    const term = await termOf(request.params.id);
    await taxonomy.remove(term.id);
    request.log.info({ termId: term.id, userId: user.id }, 'term deleted');
    return markAdminResponse(reply).redirect(`${screen.base}?done=deleted`, 303);
  });

  app.post<{ Params: IdParams; Body: Fields }>(`${screen.base}/:id/merge`, { config: MANAGE_TERMS }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const term = await termOf(request.params.id);
    const raw = typeof body.into === 'string' ? body.into : '';
    const into = TERM_ID.test(raw) && Number(raw) <= MAX_TERM_ID ? await taxonomy.findById(Number(raw)) : undefined;
    if (!into || into.taxonomy !== screen.taxonomy) {
      return sendEdit(request, reply, user, term, { mergeError: `Choose the ${screen.noun} to merge “${term.name}” into.` }, 400);
    }
    try {
      await taxonomy.merge(term.id, into.id);
    } catch (error) {
      const refused = formErrorOf(error);
      if (!refused) throw error;
      return sendEdit(request, reply, user, term, { mergeError: Object.values(refused.errors)[0] }, refused.status);
    }
    request.log.info({ termId: term.id, intoId: into.id, userId: user.id }, 'terms merged');
    return markAdminResponse(reply).redirect(`${screen.base}/${into.id}/edit?done=merged`, 303);
  });
}

// The lists' filters (category, tag, author, month), the notice after an action, and the way back to the list.
import type { PostType } from '../../features/posts/index.js';
import type { Term, TermNode } from '../../features/taxonomy/index.js';
import type { ListFilterVM } from '../../../themes/default/index.js';
import type { HttpDeps } from '../deps.js';
import { categoryOptions, writerOptions } from './editor.page.js';
import { textOf } from './editor.present.js';
import { type ListQuery, listPath } from './posts.present.js';

type Fields = Readonly<Record<string, unknown>>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export async function listFilters(deps: HttpDeps, q: ListQuery, categories: readonly TermNode<Term>[]): Promise<ListFilterVM[]> {
  const { posts, taxonomy } = deps.services;
  const months = (await posts.archiveMonths()).map((m) => ({
    value: m.month.replace('-', ''), label: `${MONTHS[Number(m.month.slice(5)) - 1] ?? ''} ${m.month.slice(0, 4)}`,
  }));
  const filters: ListFilterVM[] = [{ name: 'm', label: 'Filter by date', value: q.m, options: [{ value: '', label: 'All dates' }, ...months] }];
  if (q.type === 'post') {
    const tags = (await taxonomy.listWithCounts('post_tag')).map((t) => ({ value: t.slug, label: t.name }));
    filters.push(
      { name: 'cat', label: 'Filter by category', value: q.cat, options: [{ value: '', label: 'All Categories' }, ...categoryOptions(categories)] },
      { name: 'tag', label: 'Filter by tag', value: q.tag, options: [{ value: '', label: 'All Tags' }, ...tags] },
    );
  }
  filters.push({ name: 'author', label: 'Filter by author', value: q.author, options: [{ value: '', label: 'All Authors' }, ...(await writerOptions(deps))] });
  return filters;
}

const DONE: Readonly<Record<string, string>> = {
  trash: 'moved to the Trash', restore: 'restored from the Trash', delete: 'permanently deleted', publish: 'published',
  'add-category': 'added to the category', updated: 'updated',
};
const WHY: Readonly<Record<string, string>> = { edit: 'edit', publish: 'publish', delete: 'delete' };

/** "3 posts moved to the Trash. 1 post could not be changed: you may not edit it." from the list's address. */
export function listNotice(query: Fields, type: PostType): string | null {
  const done = DONE[textOf(query.done)];
  if (!done) return null;
  const count = (n: number) => `${n} ${type}${n === 1 ? '' : 's'}`;
  const changed = Number(textOf(query.changed)) || 0;
  const refused = Number(textOf(query.refused)) || 0;
  const why = WHY[textOf(query.why)] ?? 'edit';
  const parts = [`${count(changed)} ${done}.`];
  if (refused > 0) parts.push(`${count(refused)} could not be changed: you may not ${why} ${refused === 1 ? 'it' : 'them'}.`);
  return parts.join(' ');
}

/** The list the action came from (only the list's own path, never another site), with the action's result. */
export function safeReturn(raw: string, type: PostType, result: Readonly<Record<string, string>>): string {
  const path = listPath(type);
  let search = '';
  if (raw === path || raw.startsWith(`${path}?`)) search = raw.slice(path.length + 1);
  const params = new URLSearchParams(search);
  for (const name of ['done', 'changed', 'refused', 'why']) params.delete(name);
  for (const [name, value] of Object.entries(result)) params.set(name, value);
  return `${path}?${params.toString()}`;
}

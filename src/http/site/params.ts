// Reading the public site's path and query parameters; anything odd becomes a 4xx, never a crash.
import { AppError, invalidInput } from '../../kernel/errors.js';
import { pageNotFound } from '../links/paths.js';

export const MAX_PAGE = 100_000;
export const MAX_SEARCH_LENGTH = 200;

/** A page number from a path segment (/page/N/): anything but 1..MAX_PAGE is no such page. */
export function pageFromPath(segment: string | undefined): number {
  if (segment === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(segment) || Number(segment) > MAX_PAGE) throw pageNotFound();
  return Number(segment);
}

type Query = Readonly<Record<string, unknown>>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput('QUERY_INVALID', `The query parameter "${name}" was given more than once.`);
  return value;
}

/** ?paged=N (or ?page=N): a bad value is the reader's mistake, so 400 with a reason. */
export function pageFromQuery(query: Query, fromPath: number): number {
  const raw = single(query, 'paged') ?? single(query, 'page');
  if (raw === undefined) return fromPath;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PAGE) {
    throw invalidInput('PAGE_NUMBER_INVALID', `The page number must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en')}.`);
  }
  return Number(raw);
}

/** ?s=words: undefined when absent; trimmed words otherwise. */
export function searchWordsFrom(query: Query): string | undefined {
  const raw = single(query, 's');
  if (raw === undefined) return undefined;
  if (raw.length > MAX_SEARCH_LENGTH) {
    throw new AppError({
      code: 'SEARCH_TOO_LONG',
      kind: 'invalid',
      message: `A search is at most ${MAX_SEARCH_LENGTH} characters long. Try fewer words.`,
    });
  }
  return raw.trim();
}

/** ?p=ID: a positive id, or undefined when the parameter is absent or unusable. */
export function postIdFrom(query: Query): number | undefined {
  const raw = single(query, 'p');
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw pageNotFound();
  return Number(raw);
}

/** Removes a trailing ['page', N] from segments and returns the page number. */
export function splitPaged(segments: readonly string[]): { segments: string[]; page: number } {
  if (segments.length >= 2 && segments.at(-2) === 'page') {
    return { segments: segments.slice(0, -2), page: pageFromPath(segments.at(-1)) };
  }
  return { segments: [...segments], page: 1 };
}

// `_embed`: the linked resources a client asks for, placed in `_embedded` beside `_links`. Any link marked
// `embeddable: true` whose address is a GET route of this API embeds itself: the router runs that route's handler
// (context=embed, as the same caller), so a resource becomes embeddable by declaring its GET route, nothing more.
import type { Link } from './links.js';

/** Which relations to embed: all (`_embed`, `_embed=1`, `_embed=true`) or the named ones (`_embed=author,wp:term`). */
export type EmbedRequest = { readonly all: true } | { readonly all: false; readonly rels: ReadonlySet<string> };

export function embedRequest(query: URLSearchParams): EmbedRequest | undefined {
  if (!query.has('_embed')) return undefined;
  const rels = query.getAll('_embed').flatMap((v) => v.split(',')).map((r) => r.trim()).filter((r) => r && r !== '1' && r !== 'true');
  return rels.length === 0 ? { all: true } : { all: false, rels: new Set(rels) };
}

type Fetch = (href: string) => Promise<unknown>;

async function embedOne(item: unknown, wanted: EmbedRequest, fetch: Fetch): Promise<unknown> {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const links = (item as { _links?: Readonly<Record<string, readonly Link[]>> })._links;
  if (!links) return item;
  const embedded: Record<string, unknown[]> = {};
  for (const [rel, list] of Object.entries(links)) {
    if (!wanted.all && !wanted.rels.has(rel)) continue;
    const embeddable = list.filter((link) => link.embeddable === true);
    if (embeddable.length === 0) continue;
    const found = await Promise.all(embeddable.map((link) => fetch(link.href)));
    const present = found.filter((body) => body !== undefined);
    if (present.length > 0) embedded[rel] = present;
  }
  return Object.keys(embedded).length > 0 ? { ...item, _embedded: embedded } : item;
}

/** `body` (an item or a list) with `_embedded` added; each address is fetched once per response. */
export async function embedLinks(body: unknown, wanted: EmbedRequest, fetch: Fetch): Promise<unknown> {
  const seen = new Map<string, Promise<unknown>>();
  const once: Fetch = (href) => {
    let pending = seen.get(href);
    if (!pending) {
      pending = fetch(href);
      seen.set(href, pending);
    }
    return pending;
  };
  return Array.isArray(body) ? Promise.all(body.map((item) => embedOne(item, wanted, once))) : embedOne(body, wanted, once);
}

// The page cache: rendered 200 responses by URL in an LRU bounded by bytes, with their tags and compressed variants.
import { type Encoding, compress } from './encoding.js';
import { etagOf } from './etag.js';

export interface PageToStore {
  /** The response headers worth replaying (content type and the like). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** What the page shows ('site', 'post:12', …): purging any of them drops the page. */
  readonly tags: readonly string[];
}

export interface CachedPage extends PageToStore {
  readonly key: string;
  /** Strong ETag of the plain body. */
  readonly etag: string;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  /**
   * Stores a page rendered by a request that started at purge sequence `since` — unless one of its tags
   * was purged after that: the render may have read the data before the change, and must not outlive it.
   */
  set(key: string, page: PageToStore, since: number): CachedPage | undefined;
  /** True when one of `tags` was purged after purge sequence `since`. */
  wasPurgedSince(tags: readonly string[], since: number): boolean;
  /** The page's body in `encoding`, compressed on first use and kept with the page. */
  variant(page: CachedPage, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer>;
  purgeTags(tags: readonly string[]): void;
  purgeAll(): void;
  /** The purge sequence now: a request takes it before it reads anything, and hands it to set(). */
  sequence(): number;
  stats(): { readonly entries: number; readonly bytes: number };
}

export interface PageCacheOptions {
  /** Total bytes of bodies and variants kept; the least recently used pages go first. Default 64 MB. */
  readonly maxBytes?: number;
  /** Larger pages are not kept at all. Default: an eighth of maxBytes. */
  readonly maxEntryBytes?: number;
}

interface Entry {
  readonly page: CachedPage;
  bytes: number;
  readonly variants: Map<Encoding, Promise<Buffer>>;
}

export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/** Bytes a page costs besides its body: key, headers and bookkeeping, roughly. */
function overheadOf(key: string, page: PageToStore): number {
  return 256 + key.length * 2 + JSON.stringify(page.headers).length * 2 + page.tags.join(' ').length * 4;
}

export function createPageCache(options: PageCacheOptions = {}): PageCache {
  const maxBytes = options.maxBytes ?? DEFAULT_PAGE_CACHE_BYTES;
  const maxEntryBytes = options.maxEntryBytes ?? Math.floor(maxBytes / 8);
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const entries = new Map<string, Entry>();
  const keysByTag = new Map<string, Set<string>>();
  const purgedAt = new Map<string, number>();
  let allPurgedAt = 0;
  let sequence = 0;
  let totalBytes = 0;

  function remove(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    totalBytes -= entry.bytes;
    for (const tag of entry.page.tags) {
      const keys = keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) keysByTag.delete(tag);
    }
  }

  function evictToFit(): void {
    for (const key of entries.keys()) {
      if (totalBytes <= maxBytes) return;
      remove(key);
    }
  }

  const wasPurgedSince = (tags: readonly string[], since: number) =>
    allPurgedAt > since || tags.some((tag) => (purgedAt.get(tag) ?? 0) > since);

  function set(key: string, toStore: PageToStore, since: number): CachedPage | undefined {
    if (wasPurgedSince(toStore.tags, since)) return undefined;
    const bytes = toStore.body.length + overheadOf(key, toStore);
    if (bytes > maxEntryBytes) return undefined;
    remove(key);
    const page: CachedPage = { ...toStore, tags: [...new Set(toStore.tags)], key, etag: etagOf(toStore.body) };
    entries.set(key, { page, bytes, variants: new Map() });
    totalBytes += bytes;
    for (const tag of page.tags) {
      const keys = keysByTag.get(tag) ?? new Set<string>();
      keys.add(key);
      keysByTag.set(tag, keys);
    }
    evictToFit();
    return entries.has(key) ? page : undefined;
  }

  function variant(page: CachedPage, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
    const entry = entries.get(page.key);
    // A page purged or replaced since it was looked up is still served to this request, just not kept.
    if (!entry || entry.page !== page) return compress(page.body, encoding);
    const known = entry.variants.get(encoding);
    if (known) return known;
    const made = compress(page.body, encoding).then((buffer) => {
      if (entries.get(page.key) === entry) {
        entry.bytes += buffer.length;
        totalBytes += buffer.length;
        evictToFit();
      }
      return buffer;
    });
    entry.variants.set(encoding, made);
    made.catch(() => entry.variants.delete(encoding));
    return made;
  }

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.page;
    },
    set,
    wasPurgedSince,
    variant,
    purgeTags(tags) {
      sequence += 1;
      for (const tag of tags) {
        purgedAt.set(tag, sequence);
        for (const key of [...(keysByTag.get(tag) ?? [])]) remove(key);
      }
    },
    purgeAll() {
      sequence += 1;
      allPurgedAt = sequence;
      // Every tag's purge is older than this one now: forgetting them keeps the map from growing for ever.
      purgedAt.clear();
      entries.clear();
      keysByTag.clear();
      totalBytes = 0;
    },
    sequence: () => sequence,
    stats: () => ({ entries: entries.size, bytes: totalBytes }),
  };
}

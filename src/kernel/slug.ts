// URL slugs as WordPress makes them: accents folded, words joined by hyphens, other scripts kept.

const MAX_SLUG_LENGTH = 200;

// Letters that Unicode decomposition does not fold to ASCII but readers expect folded.
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h', ŧ: 't',
};

export function slugify(title: string): string {
  const folded = title
    .normalize('NFKD')
    // Fold Latin accents and marks on symbols (emoji variation selectors), but keep the marks
    // that are part of other scripts' letters (ブ, й, हि).
    .replace(/(?<=\p{Script=Latin})\p{M}+|(?<![\p{L}\p{M}])\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðþłıħŧ]/g, (c) => FOLDS[c] ?? c)
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return trimToLength(folded.normalize('NFC'), MAX_SLUG_LENGTH);
}

function trimToLength(slug: string, max: number): string {
  const chars = Array.from(slug);
  if (chars.length <= max) return slug;
  return chars.slice(0, max).join('').replace(/-+$/, '');
}

/** True when `slug` is something `slugify` could have produced (used to validate slugs typed by people). */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slugify(slug) === slug;
}

/**
 * The first of `base`, `base-2`, `base-3`… that is not taken. `taken` holds the slugs already
 * in use that start with `base` (the repo finds them with one query).
 */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

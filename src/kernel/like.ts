// SQL LIKE patterns from typed words: the wildcards a person types (% and _) match only themselves.

/** `%word%`, lowercased, with \ % and _ escaped by a backslash (name it: `like ? escape '\'`). */
export function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

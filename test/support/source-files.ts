// Lists the project's own TypeScript files (for tests that read the code as text).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function sourceFiles(dir: string, { includeTests = false } = {}): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && (includeTests || !entry.name.endsWith('.test.ts'))) found.push(full);
    }
  };
  walk(path.join(root, dir));
  return found;
}

export { root as projectRoot };

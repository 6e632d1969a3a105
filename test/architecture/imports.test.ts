// The dependency rules of ARCHITECTURE.md, checked on every file so that the shape cannot erode silently.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, sourceFiles } from '../support/source-files.js';

interface Import {
  readonly file: string;
  /** Project-relative target for our own files, the package name otherwise. */
  readonly target: string;
  readonly local: boolean;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
  return specifiers.map((spec) => {
    const local = spec.startsWith('.');
    const target = local ? path.relative(projectRoot, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts') : spec;
    return { file: path.relative(projectRoot, file), target, local };
  });
}

const all = [...sourceFiles('src'), ...sourceFiles('themes')].flatMap(importsOf);
const offenders = (rule: (i: Import) => boolean) => all.filter(rule).map((i) => `${i.file} → ${i.target}`);
const featureOf = (p: string) => /^src\/features\/([^/]+)\//.exec(p)?.[1];

describe('dependency direction', () => {
  it('kernel imports nothing of ours', () => {
    expect(offenders((i) => i.file.startsWith('src/kernel/') && i.local && !i.target.startsWith('src/kernel/'))).toEqual([]);
  });

  it('config imports only kernel', () => {
    expect(
      offenders((i) => i.file.startsWith('src/config/') && i.local && !/^src\/(kernel|config)\//.test(i.target)),
    ).toEqual([]);
  });

  it('only repositories and db/ import Kysely', () => {
    expect(
      offenders((i) => i.target === 'kysely' && !i.file.startsWith('src/db/') && !i.file.endsWith('.repo.ts')),
    ).toEqual([]);
  });

  it('features never import http, themes, Fastify or the composition root', () => {
    expect(
      offenders(
        (i) =>
          i.file.startsWith('src/features/') &&
          (/^(src\/http|themes|src\/app\.ts|src\/main\.ts|src\/cli)/.test(i.target) || i.target.startsWith('fastify') || i.target.startsWith('@fastify')),
      ),
    ).toEqual([]);
  });

  it('a feature uses another feature only through its index.ts', () => {
    expect(
      offenders((i) => {
        const from = featureOf(i.file);
        const to = featureOf(i.target);
        return from !== undefined && to !== undefined && from !== to && !i.target.endsWith(`/features/${to}/index.ts`);
      }),
    ).toEqual([]);
  });

  it('the HTTP layer never touches the database and reaches features only through their index.ts', () => {
    expect(
      offenders(
        (i) =>
          i.file.startsWith('src/http/') &&
          (i.target.startsWith('src/db/') || i.target === 'kysely' || (featureOf(i.target) !== undefined && !i.target.endsWith('/index.ts'))),
      ),
    ).toEqual([]);
  });

  it('themes see only view models and the escaping helper', () => {
    expect(
      offenders((i) => i.file.startsWith('themes/') && (!i.local || !/^(themes\/|src\/kernel\/html\.ts$)/.test(i.target))),
    ).toEqual([]);
  });

  it('platform adapters implement kernel ports: they import only kernel and config, and only app.ts wires them', () => {
    expect(
      offenders((i) => i.file.startsWith('src/platform/') && i.local && !/^src\/(kernel|config|platform)\//.test(i.target)),
    ).toEqual([]);
    expect(
      offenders((i) => i.target.startsWith('src/platform/') && !i.file.startsWith('src/platform/') && i.file !== 'src/app.ts'),
    ).toEqual([]);
  });

  it('only platform adapters talk to Redis', () => {
    expect(offenders((i) => i.target === 'ioredis' && !i.file.startsWith('src/platform/'))).toEqual([]);
  });

  it('no file imports one that does not exist', () => {
    expect(offenders((i) => i.local && !fs.existsSync(path.join(projectRoot, i.target)))).toEqual([]);
  });
});

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

/** The HTTP surfaces: one never imports another (shared helpers live in src/http/links/, src/http/cache/…). */
const SURFACES = ['site', 'account', 'auth', 'admin', 'feeds', 'wp-json'] as const;
const surfaceOf = (p: string) => SURFACES.find((s) => p.startsWith(`src/http/${s}/`));

/**
 * Known debts, each `surface → file`: the session plumbing (who is signed in, the session cookie, starting a
 * session, the password check, safe redirects) lives in auth/ though every signed-in surface needs it, and the
 * account and provider sign-in pages borrow the public site's page frame. Both belong in shared modules (e.g.
 * src/http/session/, a shared page frame); until they move, they are the only crossings allowed. Shrink, never grow.
 */
const SURFACE_CROSSINGS_ALLOWED: readonly string[] = [
  'account → src/http/auth/current-user.ts',
  'account → src/http/auth/password-sign-in.ts',
  'account → src/http/auth/redirect.ts',
  'account → src/http/auth/session-cookie.ts',
  'account → src/http/auth/start-session.ts',
  'account → src/http/site/context.ts',
  'account → src/http/site/format.ts',
  'account → src/http/site/page.ts',
  'admin → src/http/auth/current-user.ts',
  'admin → src/http/auth/password-sign-in.ts',
  'admin → src/http/auth/redirect.ts',
  'admin → src/http/auth/session-cookie.ts',
  'admin → src/http/auth/start-session.ts',
  'auth → src/http/site/context.ts',
  'auth → src/http/site/page.ts',
  'site → src/http/auth/current-user.ts',
  'site → src/http/auth/redirect.ts',
  'site → src/http/auth/session-cookie.ts',
  'wp-json → src/http/auth/current-user.ts',
];

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

  it('one HTTP surface never imports another, except the listed known debts', () => {
    const crossings = all.flatMap((i) => {
      const from = surfaceOf(i.file);
      const to = surfaceOf(i.target);
      return from !== undefined && to !== undefined && from !== to ? [`${from} → ${i.target}`] : [];
    });
    expect([...new Set(crossings)].filter((c) => !SURFACE_CROSSINGS_ALLOWED.includes(c))).toEqual([]);
    // A debt paid off leaves the list too, so that it cannot come back unnoticed.
    expect(SURFACE_CROSSINGS_ALLOWED.filter((c) => !crossings.includes(c))).toEqual([]);
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

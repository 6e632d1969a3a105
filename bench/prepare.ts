// Builds the benchmark's site in a data folder (or a PostgreSQL schema): the demo site, an administrator, and one filed post with 50 threaded comments.
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { demoSite, seedDemoSite } from '../src/features/demo/index.js';
import type { PostgresTarget } from './servers.js';

export const COMMENT_COUNT = 50;
const ROOTS = 20;
const PUBLISHED_AT = '2026-11-01T09:00:00.000Z';

export interface BenchSite {
  readonly dataDir: string;
  /** Path of the post with the comments, e.g. /2026/11/01/slug/. */
  readonly postPath: string;
}

const commenters = [
  { name: 'Hanna Berg', email: 'hanna@example.org', url: 'https://hanna.example.org' },
  { name: 'Oluwaseun Adeyemi', email: 'seun@example.net', url: '' },
  { name: 'Pierre-Louis Martin', email: 'pl.martin@example.fr', url: 'https://plm.example.fr/blog' },
  { name: 'Yuki Tanaka', email: 'yuki@example.jp', url: '' },
  { name: 'María José Ortega', email: 'mj@example.es', url: 'https://ortega.example.es' },
  { name: 'sam', email: 'sam@example.com', url: '' },
  { name: 'Dmitri Volkov', email: 'dvolkov@example.org', url: '' },
  { name: 'Aoife Byrne', email: 'aoife@example.ie', url: 'https://aoife.example.ie' },
] as const;

const bodies = [
  'This is the clearest explanation of *why* the joint fails that I have read. I tried it last weekend and the difference was obvious.',
  'Do you have a source for the moisture figures? I measured **11%** in my shop and the boards still moved.\n\nThanks for writing this up.',
  'A small correction: the `1:8` ratio is for softwood; for hardwood most people use `1:6`. See [this chart](https://example.org/dovetails) for both.',
  '> Measure twice, cut once\n\nAnd then measure again, because the saw kerf is never what you think it is.',
  'I disagree with the last section. A sharp chisel and patience beat a router for small work, and it is quieter.',
  'Which finish did you use on the top? It looks like oil, but the sheen in the third photo suggests wax over shellac.',
  'Bookmarked. My grandfather did it this way:\n\n1. rough cut\n2. let it rest a week\n3. plane to size\n\nNever had a warped panel.',
  'Great post, thank you. The photos of the glue-up help a lot.',
];

/** Comment k (0-based) answers comment `parentIndex(k)`: 20 roots, then replies that nest up to 8 deep (shown at most 5). */
function parentIndex(k: number): number | null {
  return k < ROOTS ? null : k - 1 - (k % 4);
}

function postSource(): string {
  const longest = [...demoSite.posts].sort((a, b) => b.markdown.length - a.markdown.length)[0];
  return `A post written for the benchmark: a long article followed by a busy comment thread.\n\n${longest?.markdown ?? ''}`;
}

/**
 * Seeds a fresh site through the services, then closes it: in `dataDir`'s SQLite file, or in a PostgreSQL schema
 * (which must exist and be empty; `dataDir` then holds only the secret key).
 */
export async function prepareSite(dataDir: string, postgres?: PostgresTarget): Promise<BenchSite> {
  const config = loadConfig({
    QUIRE_DATA_DIR: dataDir, QUIRE_DEMO: '0', QUIRE_JOBS: '0', QUIRE_PAGE_CACHE: 'off', LOG_LEVEL: 'warn',
    DATABASE_URL: postgres?.url, QUIRE_DB_SCHEMA: postgres?.schema,
  });
  const app = await createApp(config, { logger: false });
  try {
    const { services } = app;
    await seedDemoSite(services, demoSite);
    // A site that is set up: without an administrator every start would issue a setup link.
    await services.users.create({ email: 'admin@example.com', login: 'admin', displayName: 'Site Admin', role: 'administrator' });
    const author = await services.users.create({ email: 'bench@example.com', login: 'bench', displayName: 'Bench Writer', role: 'author' });
    const post = await services.posts.create(
      { title: 'Fifty comments on a long article', slug: 'fifty-comments', source: postSource(), status: 'published', publishedAt: PUBLISHED_AT },
      author,
    );
    // Filed like the demo posts: one category and a few tags, so the byline and term lines are rendered.
    const category = await services.taxonomy.findBySlug('category', demoSite.categories[0]?.slug ?? '');
    const tags = await services.taxonomy.ensureTags(['joinery', 'hand tools', 'workshop']);
    await services.taxonomy.setPostTerms(post.id, [...(category ? [category.id] : []), ...tags.map((t) => t.id)]);
    const ids: number[] = [];
    for (let k = 0; k < COMMENT_COUNT; k++) {
      const parent = parentIndex(k);
      const byAuthor = k % 7 === 3;
      const who = commenters[k % commenters.length] ?? commenters[0];
      const id = await services.comments.insertTrusted({
        postId: post.id,
        parentId: parent === null ? null : (ids[parent] ?? null),
        status: 'approved',
        authorName: byAuthor ? author.displayName : who.name,
        authorEmail: byAuthor ? author.email : who.email,
        authorUrl: byAuthor ? '' : who.url,
        userId: byAuthor ? author.id : null,
        source: bodies[k % bodies.length] ?? '',
        createdAt: new Date(Date.parse(PUBLISHED_AT) + (k + 1) * 37 * 60_000).toISOString(),
      });
      ids.push(id);
    }
    return { dataDir, postPath: (await app.services.posts.permalinks())(post) };
  } finally {
    await app.close();
  }
}

// `npm run bench`: seeds a site, then measures Quire against its baselines (a bare node:http server, nginx) in one run
// and prints the figures. Options (after `npm run bench --`):
//   --only=uncached,cached,startup,comments,rest,wxr   only these sections (default: all six; also `--only cached`; `--only=profile`: none)
//   --profile[=fresh,cached,bare,comments]    afterwards, profile a server under post-page (or comment) load (--cpu-prof) and summarize it
//   --comment-rate=N                  comments per second while the post page is loaded in the comments section (default 500)
//   --duration=S --repeat=N --warmup=S  N rounds of one S-second run per row, after S seconds thrown away (default 3, 5, 3)
//   --generator=wrk|autocannon        the load generator (default wrk, /usr/bin/wrk; autocannon when wrk is missing)
//   --threads=N                       the generator's threads (default: wrk 1; autocannon 0, its main thread)
//   --postgres=URL                    PostgreSQL for the PostgreSQL rows (default $QUIRE_BENCH_POSTGRES_URL or the test database)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type CpuClock, type Generator, type LoadFigures, type LoadSettings, type MeasuredRun, combineRuns, defaultLoad, measureLoad, measureRun, otherCpu, wrkMissing,
} from './load.js';
import { nginxMissing, nginxVersion, startNginx } from './nginx.js';
import { commentsReport } from './comment-report.js';
import { type CommentsFigures, type CommentsOptions, measureComments, profileComments } from './comments.js';
import { type BenchSchema, DEFAULT_POSTGRES_URL, createBenchSchema } from './postgres.js';
import { COMMENT_COUNT, type BenchSite, prepareSite } from './prepare.js';
import { monotonicUs, summarizeProfile } from './profile.js';
import { measureWxrSection, wxrReport } from './wxr.js';
import {
  type Baseline, type Group, type Row, type StartFigures, TARGETS, int, loadTable, machineHeader, machineLoadNote, ratioOf, startTable, verdict,
} from './report.js';
import {
  type PostgresTarget, type QuireOptions, type RecordedPage, type RunningServer, commandCpuSeconds, fetchPage, killAllNow, recordPage, residentMb, sleep,
  startBare, startNodeFloor, startQuire, stopAll,
} from './servers.js';

const STARTS = 5;
const IDLE_MS = 2000;
const WORKERS = 2;

// ---------------------------------------------------------------------------------------------------------------
// Options

const SECTIONS = ['uncached', 'cached', 'startup', 'comments', 'rest', 'wxr'] as const;
/** `--only=profile`: none of the sections, only what --profile asks for. */
const NO_SECTION = 'profile';
type Section = (typeof SECTIONS)[number];
const SECTION_ALIASES: Readonly<Record<string, Section>> = { fresh: 'uncached', start: 'startup', memory: 'startup', comment: 'comments' };
const PROFILES = ['fresh', 'cached', 'bare', 'comments'] as const;
type ProfileTarget = (typeof PROFILES)[number];

/** `--name=value`, or `--name value` when the next argument is not an option. */
function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const arg = args[i] ?? '';
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
  const next = args[i + 1];
  return next !== undefined && !next.startsWith('--') ? next : '';
}

function numberOption(name: string, fallback: number, what = 'a number of seconds'): number {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (raw === '' || !Number.isFinite(value) || value < 0) throw new Error(`--${name} must be ${what}`);
  return value;
}

function listOption<T extends string>(name: string, allowed: readonly T[], aliases: Readonly<Record<string, T>>, fallback: readonly T[]): ReadonlySet<T> {
  const raw = option(name);
  if (raw === undefined || raw === '') return new Set(fallback);
  const chosen = raw.split(',').map((word) => {
    const w = word.trim();
    const known = aliases[w] ?? allowed.find((a) => a === w);
    if (!known) throw new Error(`--${name}: unknown "${w}"; choose from ${allowed.join(', ')}`);
    return known;
  });
  return new Set(chosen);
}

const wantedGenerator = option('generator') ?? defaultLoad.generator;
if (wantedGenerator !== 'wrk' && wantedGenerator !== 'autocannon') throw new Error('--generator must be wrk or autocannon');
/** Said in the output when the generator asked for is not the one used. */
const generatorNote =
  wantedGenerator === 'wrk' && wrkMissing()
    ? `${wrkMissing()}: falling back to autocannon, which cannot load a cached page or a baseline to its limit on this machine ` +
      '(see bench/README.md): the cached rows and every ratio to bare or nginx then measure autocannon. Install wrk and run again.'
    : undefined;
const generator: Generator = generatorNote ? 'autocannon' : wantedGenerator;
const load: LoadSettings = {
  ...defaultLoad,
  generator,
  threads: numberOption('threads', generator === 'wrk' ? defaultLoad.threads : 0, 'a whole number of threads'),
  durationS: numberOption('duration', defaultLoad.durationS),
  repeats: Math.max(1, Math.round(numberOption('repeat', defaultLoad.repeats, 'a whole number of runs'))),
  warmupS: numberOption('warmup', defaultLoad.warmupS),
};
const sections = new Set<Section>(
  option('only') === undefined ? SECTIONS : option('only') === NO_SECTION ? [] : listOption('only', SECTIONS, SECTION_ALIASES, SECTIONS),
);
const profiles: ReadonlySet<ProfileTarget> = option('profile') === undefined ? new Set() : listOption('profile', PROFILES, {}, ['fresh']);
const postgresUrl = option('postgres') || process.env.QUIRE_BENCH_POSTGRES_URL || DEFAULT_POSTGRES_URL;
const commentRate = numberOption('comment-rate', TARGETS.commentsPerSec, 'a number of comments per second');

// ---------------------------------------------------------------------------------------------------------------
// Clean-up: children, temp folders, the PostgreSQL schema

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
const tempDirs = [tmp];
let pgSchema: BenchSchema | undefined;

function cleanUp(): void {
  killAllNow();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers, removing ${tempDirs.join(', ')}${pgSchema ? ` and schema ${pgSchema.schema}` : ''}\n`);
    void stopAll()
      .then(() => pgSchema?.drop())
      .catch(() => {})
      .finally(() => process.exit(130));
  });
}

const progress = (line: string) => process.stderr.write(`… ${line}\n`);

// ---------------------------------------------------------------------------------------------------------------
// Measuring

/** Requests on new connections until `count` in a row answer X-Cache: HIT (a cluster's connections go round its workers). */
async function cacheHits(server: RunningServer, pagePath: string, count: number): Promise<RecordedPage | undefined> {
  let inARow = 0;
  for (let i = 0; i < 10 * count + 4; i++) {
    const page = await fetchPage(`${server.url}${pagePath}`, load.headers);
    if (page.status !== 200) throw new Error(`${server.name}: ${pagePath} answered ${page.status}`);
    inARow = page.headers['x-cache'] === 'HIT' ? inARow + 1 : 0;
    if (inARow >= count) return recordPage(pagePath, page);
  }
  return undefined;
}

/** One row of the tables: a server loaded at one path. */
interface Slot {
  readonly server: RunningServer;
  readonly path: string;
  /** A page cache row: every one of this many workers must answer X-Cache: HIT before and after the runs. */
  readonly hitWorkers?: number;
  /** Also count the database server's CPU (PostgreSQL). */
  readonly databaseCpu?: CpuClock;
  readonly runs: MeasuredRun[];
}

async function assertHits(slot: Slot, when: string): Promise<void> {
  if (slot.hitWorkers === undefined) return;
  if (!(await cacheHits(slot.server, slot.path, 2 * slot.hitWorkers))) {
    throw new Error(`${slot.server.name}: ${slot.path} does not answer X-Cache: HIT ${when}`);
  }
}

/**
 * Every slot's server is up (idle ones cost nothing); each is warmed up, then loaded for one run per round, one at a
 * time, forward in even rounds and backward in odd ones. A machine whose speed drifts (other virtual machines on the
 * host, CPU frequency) then slows every row alike, and the ratios are taken round by round.
 */
async function measureInterleaved(slots: readonly Slot[]): Promise<void> {
  for (const slot of slots) {
    await assertHits(slot, 'on a repeat visit');
    if (load.warmupS > 0) {
      progress(`warm-up ${slot.server.name} ${slot.path} (${load.warmupS} s)`);
      await measureRun(`${slot.server.url}${slot.path}`, load, load.warmupS);
    }
  }
  for (let round = 0; round < load.repeats; round++) {
    const order = round % 2 === 0 ? slots : [...slots].reverse();
    for (const slot of order) {
      progress(`round ${round + 1}/${load.repeats}: ${slot.server.name} ${slot.path} (${load.durationS} s)`);
      const measured = await measureRun(`${slot.server.url}${slot.path}`, load, load.durationS, slot.server.cpuSeconds, slot.databaseCpu);
      slot.runs.push(measured);
      progress(`  ${int(measured.result.reqPerSec)} req/s, server ${(measured.serverS / measured.wallS).toFixed(2)} cores`);
      // A server that died during the run leaves only connection errors behind: no figure to print.
      slot.server.assertRunning();
    }
  }
  for (const slot of slots) await assertHits(slot, 'after the runs (something purged it)');
}

function commentsShown(page: RecordedPage): number {
  return Buffer.from(page.bodyBase64, 'base64').toString('utf8').match(/<li id="comment-\d+"/g)?.length ?? 0;
}

async function record(server: RunningServer, pagePath: string, expectComments?: number): Promise<RecordedPage> {
  const page = recordPage(pagePath, await fetchPage(`${server.url}${pagePath}`, load.headers));
  if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
  if (expectComments !== undefined && commentsShown(page) !== expectComments) {
    throw new Error(`${pagePath} shows ${commentsShown(page)} comments, not ${expectComments}`);
  }
  return page;
}

async function withServer<T>(start: Promise<RunningServer>, use: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

const bodyBytes = (p: RecordedPage) => Buffer.byteLength(p.bodyBase64, 'base64');

/** Start-up time, and memory after one request and a pause, over several fresh processes. */
async function measureStarts(site: BenchSite): Promise<Omit<StartFigures, 'rssAfterLoadMb'>> {
  const startMs: number[] = [];
  const rssMb: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    progress(`start ${i + 1}/${STARTS} of Quire`);
    const quire = await startQuire({ dataDir: site.dataDir });
    startMs.push(quire.startMs);
    const first = await fetchPage(`${quire.url}${site.postPath}`);
    if (first.status !== 200) throw new Error(`The post page answered ${first.status}`);
    await sleep(IDLE_MS);
    quire.assertRunning();
    rssMb.push(residentMb(quire.pid));
    await quire.stop();
  }
  for (let i = 0; i < STARTS; i++) {
    const floor = await startNodeFloor();
    floorMs.push(floor.startMs);
    await floor.stop();
  }
  return { startMs, rssMb, floorMs };
}

// ---------------------------------------------------------------------------------------------------------------
// The run

type Pages = { readonly post: RecordedPage; readonly home: RecordedPage };

/** The rows, by name; each absent when not measured. */
interface Figures {
  /** Rendered fresh (QUIRE_PAGE_CACHE=off). */
  readonly fresh: { post?: LoadFigures; home?: LoadFigures; sqliteWorkersPost?: LoadFigures; postgresPost?: LoadFigures; postgresWorkersPost?: LoadFigures };
  readonly cached: { post?: LoadFigures; home?: LoadFigures; workersPost?: LoadFigures; workersHome?: LoadFigures };
  readonly bare: { post?: LoadFigures; home?: LoadFigures; workersPost?: LoadFigures; workersHome?: LoadFigures };
  readonly nginx: { post?: LoadFigures; home?: LoadFigures; label?: string };
  rssAfterLoadMb?: number;
}

async function run(): Promise<void> {
  const notes: string[] = [];
  console.log(machineHeader(load));
  if (generatorNote) console.log(`WARNING: ${generatorNote}`);
  console.log(machineLoadNote('before the run'));
  console.log(`Sections: ${[...sections].join(', ') || 'none'}${profiles.size > 0 ? `; then profiles: ${[...profiles].join(', ')}` : ''}.`);
  progress(`seeding the demo site and a post with ${COMMENT_COUNT} comments in ${tmp}`);
  const site = await prepareSite(path.join(tmp, 'data'));
  const starts = sections.has('startup') ? await measureStarts(site) : undefined;
  const f: Figures = { fresh: {}, cached: {}, bare: {}, nginx: {} };
  let pages: Pages | undefined;
  if (sections.has('uncached') || sections.has('cached')) pages = await measureLoadSections(site, f, notes);
  const comments = sections.has('comments') ? await measureCommentsSection() : undefined;
  const rest = sections.has('rest') ? await measureRestSection(site) : undefined;
  const wxr = sections.has('wxr') ? await measureWxrSection(tmp, progress) : undefined;

  console.log('Quire: node bin/quire.js serve [--workers 2], LOG_LEVEL=warn, QUIRE_JOBS on, no Redis. Every server answers the same body bytes.');
  console.log(`Post page: ${site.postPath}; home page: /.`);
  if (pages && sections.has('uncached')) {
    console.log('');
    console.log('Rendered fresh (QUIRE_PAGE_CACHE=off): every request routed, queried and rendered. Baseline: the bare node:http server.');
    console.log(loadTable(uncachedGroups(f, pages)));
    const scaling: string[] = [];
    const { post, sqliteWorkersPost, postgresPost, postgresWorkersPost } = f.fresh;
    if (post && sqliteWorkersPost) scaling.push(`SQLite --workers ${WORKERS} ÷ 1 process: ${ratioOf(sqliteWorkersPost, post).toFixed(2)}×`);
    if (postgresPost && postgresWorkersPost) scaling.push(`PostgreSQL --workers ${WORKERS} ÷ 1 process: ${ratioOf(postgresWorkersPost, postgresPost).toFixed(2)}×`);
    if (post && postgresPost) scaling.push(`PostgreSQL ÷ SQLite, 1 process: ${ratioOf(postgresPost, post).toFixed(2)}×`);
    if (scaling.length > 0) console.log(`Scaling (post page): ${scaling.join('; ')}.`);
    const database = [[postgresPost, '1 process'], [postgresWorkersPost, `--workers ${WORKERS}`]] as const;
    const pgCores = database.flatMap(([figures, label]) => (figures?.databaseCores === undefined ? [] : [`${figures.databaseCores.toFixed(2)} (${label})`]));
    if (pgCores.length > 0) console.log(`PostgreSQL's own processes (on the same cores, not in "CPU srv") used ${pgCores.join(', ')} cores during the PostgreSQL rows.`);
  }
  if (pages && sections.has('cached')) {
    console.log('');
    console.log('Page cache hits (QUIRE_PAGE_CACHE=on, X-Cache: HIT checked on every worker before and after the runs).');
    console.log('Baselines: the bare node:http server (the limit of one Node process) and nginx with one worker serving the bytes as a static file.');
    console.log(loadTable(cachedGroups(f, pages)));
    console.log(cachedVerdicts(f));
  }
  for (const note of notes) console.log(note);
  if (comments) console.log(commentsReport(comments));
  if (wxr) console.log(wxrReport(wxr));
  if (rest) {
    console.log('');
    console.log(`WordPress REST API, rendered fresh by one Quire process (QUIRE_PAGE_CACHE=off), interleaved with its home page:`);
    console.log(`  GET ${REST_PATH}: ${int(rest.api.reqPerSec)} req/s (p50 ${rest.api.p50Ms.toFixed(1)} ms, p99 ${rest.api.p99Ms.toFixed(1)} ms, ${rest.api.errors} errors)`);
    console.log(`  GET / (home page): ${int(rest.home.reqPerSec)} req/s (p50 ${rest.home.p50Ms.toFixed(1)} ms, p99 ${rest.home.p99Ms.toFixed(1)} ms)`);
    console.log(`  REST ÷ home page: ${ratioOf(rest.api, rest.home).toFixed(2)}× (median of the per-round ratios)`);
  }
  if (starts) {
    console.log('');
    console.log(startTable({ ...starts, ...(f.rssAfterLoadMb === undefined ? {} : { rssAfterLoadMb: f.rssAfterLoadMb }) }));
  }
  console.log(machineLoadNote('at the end'));

  for (const target of profiles) {
    if (target === 'comments') {
      console.log('');
      console.log(await profileComments(commentOptions(tmp)));
    } else {
      await profilePostPage(site, target, pages);
    }
  }
}

/** The REST section's request: the first page of posts, as a WordPress client's post list asks for it. */
const REST_PATH = '/wp-json/wp/v2/posts?per_page=10';

/** GET REST_PATH against the home page on the same fresh-rendering Quire, interleaved round by round. */
async function measureRestSection(site: BenchSite): Promise<{ readonly api: LoadFigures; readonly home: LoadFigures }> {
  return withServer(startQuire({ dataDir: site.dataDir }), async (server) => {
    await record(server, REST_PATH);
    await record(server, '/');
    const slots = [REST_PATH, '/'].map((pagePath): Slot => ({ server, path: pagePath, runs: [] }));
    await measureInterleaved(slots);
    return { api: combineRuns(slots[0]?.runs ?? []), home: combineRuns(slots[1]?.runs ?? []) };
  });
}

/** The comments section's settings; its PostgreSQL schema is made here, so that Ctrl-C and the end of the run drop it. */
function commentOptions(dir: string): CommentsOptions {
  return {
    load, dir, ratePerSec: commentRate, progress,
    postgres: async () => {
      pgSchema = await createBenchSchema(postgresUrl);
      return { url: pgSchema.url, schema: pgSchema.schema };
    },
  };
}

/** Guest comments through POST /comments, and the post page meanwhile (bench/comments.ts), on SQLite and PostgreSQL. */
async function measureCommentsSection(): Promise<CommentsFigures> {
  const dir = path.join(tmp, 'comments');
  fs.mkdirSync(dir, { recursive: true });
  try {
    return await measureComments(commentOptions(dir));
  } finally {
    await stopAll();
    await pgSchema?.drop();
    pgSchema = undefined;
  }
}

/**
 * Starts every server the chosen sections need, records the pages the baselines serve, measures all rows
 * interleaved, and stops the servers. Returns the pages (as the page cache answers them).
 */
async function measureLoadSections(site: BenchSite, f: Figures, notes: string[]): Promise<Pages> {
  const sqlite: QuireOptions = { dataDir: site.dataDir };
  const paths = { post: site.postPath, home: '/' };
  const uncached = sections.has('uncached');
  const slot = (server: RunningServer, pagePath: string, extra: Partial<Pick<Slot, 'hitWorkers' | 'databaseCpu'>> = {}): Slot => ({
    server, path: pagePath, runs: [], ...extra,
  });
  try {
    // Quire in one process, rendering fresh: its pages, and the performance issue's rows.
    const fresh = uncached ? await startQuire(sqlite) : undefined;
    const freshPages = fresh ? { post: await record(fresh, paths.post, COMMENT_COUNT), home: await record(fresh, paths.home) } : undefined;

    // Quire in one process with its page cache: its HIT answers are the bytes every baseline serves.
    const cachedOne = await startQuire({ ...sqlite, pageCache: true });
    const hitPost = await cacheHits(cachedOne, paths.post, 2);
    const hitHome = await cacheHits(cachedOne, paths.home, 2);
    let pages: Pages;
    if (hitPost && hitHome) {
      if (commentsShown(hitPost) !== COMMENT_COUNT) throw new Error(`The cached post page shows ${commentsShown(hitPost)} comments, not ${COMMENT_COUNT}`);
      pages = { post: hitPost, home: hitHome };
      for (const name of ['post', 'home'] as const) {
        const freshPage = freshPages?.[name];
        if (freshPage && freshPage.bodyBase64 !== pages[name].bodyBase64) {
          notes.push(`Note: the ${name} page from the cache (${int(bodyBytes(pages[name]))} bytes) differs from a fresh render (${int(bodyBytes(freshPage))} bytes).`);
        }
      }
    } else {
      notes.push('(No page cache rows: this Quire does not answer X-Cache: HIT on a repeat visit.)');
      sections.delete('cached');
      if (!freshPages) throw new Error('No page was recorded for the baselines.');
      pages = freshPages;
    }
    const cached = sections.has('cached');

    const pagesFile = path.join(tmp, 'pages.json');
    fs.writeFileSync(pagesFile, JSON.stringify([pages.post, pages.home]));
    const bare = await startBare(pagesFile, '/');
    const bareTwo = cached ? await startBare(pagesFile, '/', { workers: WORKERS }) : undefined;
    const nginx = cached ? await startNginxFor(pages, notes) : undefined;
    if (nginx) f.nginx.label = nginxVersion();
    const cachedTwo = cached ? await startQuire({ ...sqlite, pageCache: true, workers: WORKERS }) : undefined;
    const freshTwo = uncached ? await startQuire({ ...sqlite, workers: WORKERS }) : undefined;
    const postgres = uncached ? await startPostgres(site, notes) : undefined;

    const slots = {
      barePost: slot(bare, paths.post),
      bareHome: slot(bare, paths.home),
      ...(bareTwo ? { bareTwoPost: slot(bareTwo, paths.post), bareTwoHome: slot(bareTwo, paths.home) } : {}),
      ...(nginx ? { nginxPost: slot(nginx, paths.post), nginxHome: slot(nginx, paths.home) } : {}),
      ...(cached ? { cachedPost: slot(cachedOne, paths.post, { hitWorkers: 1 }), cachedHome: slot(cachedOne, paths.home, { hitWorkers: 1 }) } : {}),
      ...(cachedTwo ? { cachedTwoPost: slot(cachedTwo, paths.post, { hitWorkers: WORKERS }), cachedTwoHome: slot(cachedTwo, paths.home, { hitWorkers: WORKERS }) } : {}),
      ...(fresh ? { freshPost: slot(fresh, paths.post), freshHome: slot(fresh, paths.home) } : {}),
      ...(freshTwo ? { freshTwoPost: slot(freshTwo, paths.post) } : {}),
      ...(postgres ? { pgPost: slot(postgres.one, paths.post, { databaseCpu: postgresCpu }), pgTwoPost: slot(postgres.two, paths.post, { databaseCpu: postgresCpu }) } : {}),
    };
    await measureInterleaved(Object.values(slots));
    const other = otherCpu(Object.values(slots).flatMap((s) => s.runs));
    if (Number.isFinite(other.otherCores)) {
      notes.push(
        `During the measured runs, other processes used ${other.otherCores.toFixed(2)} cores on average` +
          `${other.otherCores > 0.1 ? ' — enough to skew the figures' : ' (a quiet machine)'}; interrupts (softirq, mostly the loopback network) ` +
          `${other.softirqCores.toFixed(2)}, steal (the hypervisor's other guests) ${other.stealCores.toFixed(2)}.`,
      );
    }
    const figures = (s: Slot | undefined) => (s && s.runs.length > 0 ? combineRuns(s.runs, s.databaseCpu !== undefined) : undefined);
    Object.assign(f.bare, { post: figures(slots.barePost), home: figures(slots.bareHome), workersPost: figures(slots.bareTwoPost), workersHome: figures(slots.bareTwoHome) });
    Object.assign(f.nginx, { post: figures(slots.nginxPost), home: figures(slots.nginxHome) });
    Object.assign(f.cached, {
      post: figures(slots.cachedPost), home: figures(slots.cachedHome), workersPost: figures(slots.cachedTwoPost), workersHome: figures(slots.cachedTwoHome),
    });
    Object.assign(f.fresh, {
      post: figures(slots.freshPost), home: figures(slots.freshHome), sqliteWorkersPost: figures(slots.freshTwoPost),
      postgresPost: figures(slots.pgPost), postgresWorkersPost: figures(slots.pgTwoPost),
    });
    if (fresh) {
      await sleep(IDLE_MS);
      fresh.assertRunning();
      f.rssAfterLoadMb = residentMb(fresh.pid);
    }
    return pages;
  } finally {
    await stopAll();
    await pgSchema?.drop();
    pgSchema = undefined;
  }
}

/** nginx serving the pages as static files, one worker process; undefined (with a note saying why) when there is no nginx. */
async function startNginxFor(pages: Pages, notes: string[]): Promise<RunningServer | undefined> {
  const missing = nginxMissing();
  if (missing) {
    notes.push(missing);
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-nginx-'));
  tempDirs.push(dir);
  const { server, site } = await startNginx(dir, [pages.post, pages.home], '/');
  if (site.skippedHeaders.length > 0) notes.push(`nginx does not replay these headers of Quire's (they hold a $): ${site.skippedHeaders.join(', ')}.`);
  const check = await fetchPage(`${server.url}${pages.post.path}`, load.headers);
  if (!check.body.equals(Buffer.from(pages.post.bodyBase64, 'base64'))) throw new Error('nginx does not answer the recorded bytes for the post page');
  return server;
}

type Detail = (p: RecordedPage, comments?: boolean) => string;
const detail: Detail = (p, comments = false) => `${comments ? `${COMMENT_COUNT} comments, ` : ''}${int(bodyBytes(p))} bytes`;

function uncachedGroups(f: Figures, pages: Pages): Group[] {
  const bare = (figures: LoadFigures | undefined): Baseline | undefined => (figures ? { name: 'bare', figures } : undefined);
  const rows = (entries: readonly [string, LoadFigures | undefined, Row['target']?][], baseline: Baseline | undefined): Row[] =>
    entries.flatMap(([server, figures, target]) => (figures ? [{ server, figures, ...(baseline ? { baseline } : {}), ...(target ? { target } : {}) }] : []));
  const { post, home, sqliteWorkersPost, postgresPost, postgresWorkersPost } = f.fresh;
  const postTarget = post ? { label: `≥ ${int(TARGETS.postReqPerSec)} req/s`, ok: post.reqPerSec >= TARGETS.postReqPerSec } : undefined;
  return [
    {
      name: 'Post page', detail: detail(pages.post, true),
      rows: [
        ...(f.bare.post ? [{ server: 'bare node:http (from memory)', figures: f.bare.post }] : []),
        ...rows([
          ['Quire, SQLite, 1 process', post, postTarget],
          [`Quire, SQLite, --workers ${WORKERS}`, sqliteWorkersPost],
          ['Quire, PostgreSQL, 1 process', postgresPost],
          [`Quire, PostgreSQL, --workers ${WORKERS}`, postgresWorkersPost],
        ], bare(f.bare.post)),
      ],
    },
    {
      name: 'Home page', detail: detail(pages.home),
      rows: [
        ...(f.bare.home ? [{ server: 'bare node:http (from memory)', figures: f.bare.home }] : []),
        ...rows([['Quire, SQLite, 1 process', home]], bare(f.bare.home)),
      ],
    },
  ];
}

function cachedGroups(f: Figures, pages: Pages): Group[] {
  const group = (
    name: string, page: RecordedPage, comments: boolean, bare?: LoadFigures, bareTwo?: LoadFigures, nginx?: LoadFigures, one?: LoadFigures, two?: LoadFigures,
  ): Group => {
    const rows: Row[] = [];
    const bareBase = bare ? { name: 'bare', figures: bare } : undefined;
    const nginxBase = nginx ? { name: 'nginx', figures: nginx } : undefined;
    if (bare) rows.push({ server: 'bare node:http (from memory)', figures: bare });
    if (bareTwo) rows.push({ server: `bare node:http, ${WORKERS} workers (node:cluster)`, figures: bareTwo, ...(bareBase ? { baseline: bareBase } : {}) });
    if (nginx) rows.push({ server: `${f.nginx.label ?? 'nginx'}, 1 worker (static file)`, figures: nginx, ...(bareBase ? { baseline: bareBase } : {}) });
    if (one) {
      rows.push({
        server: 'Quire, 1 process', figures: one,
        ...(bareBase ? { baseline: bareBase, target: { label: `≥ ${TARGETS.cachedOfBare.toFixed(2)} of bare`, ok: ratioOf(one, bareBase.figures) >= TARGETS.cachedOfBare } } : {}),
      });
    }
    if (two) {
      const base = nginxBase ?? bareBase;
      rows.push({
        server: `Quire, --workers ${WORKERS}`, figures: two,
        ...(base ? { baseline: base } : {}),
        ...(nginxBase ? { target: { label: `≥ ${TARGETS.workersOfNginx.toFixed(2)} of nginx`, ok: ratioOf(two, nginxBase.figures) >= TARGETS.workersOfNginx } } : {}),
      });
    }
    return { name, detail: detail(page, comments), rows };
  };
  return [
    group('Post page', pages.post, true, f.bare.post, f.bare.workersPost, f.nginx.post, f.cached.post, f.cached.workersPost),
    group('Home page', pages.home, false, f.bare.home, f.bare.workersHome, f.nginx.home, f.cached.home, f.cached.workersHome),
  ];
}

/** The two ratios the "Scale out" issue asks for, page by page, and two for scale. */
function cachedVerdicts(f: Figures): string {
  const ratios = (pairs: readonly [string, LoadFigures | undefined, LoadFigures | undefined][]) =>
    pairs.flatMap(([page, a, b]) => (a && b ? [[page, ratioOf(a, b)] as const] : []));
  const line = (label: string, pairs: readonly [string, LoadFigures | undefined, LoadFigures | undefined][], target?: number) => {
    const known = ratios(pairs);
    if (known.length === 0) return `${label}: not measured.`;
    const figures = known.map(([page, r]) => `${page} ${r.toFixed(2)}`).join(', ');
    if (target === undefined) return `${label}: ${figures}`;
    return `${label} (target ≥ ${target.toFixed(2)}): ${figures} — ${verdict(known.every(([, r]) => r >= target))}`;
  };
  return [
    line('Quire 1 process ÷ bare node:http', [['post', f.cached.post, f.bare.post], ['home', f.cached.home, f.bare.home]], TARGETS.cachedOfBare),
    line(`Quire --workers ${WORKERS} ÷ nginx 1 worker`, [['post', f.cached.workersPost, f.nginx.post], ['home', f.cached.workersHome, f.nginx.home]], TARGETS.workersOfNginx),
    line(`Quire --workers ${WORKERS} ÷ Quire 1 process`, [['post', f.cached.workersPost, f.cached.post], ['home', f.cached.workersHome, f.cached.home]]),
    line(`For scale, bare node:http ${WORKERS} workers ÷ nginx 1 worker (Node doing no work at all, same cores)`, [
      ['post', f.bare.workersPost, f.nginx.post], ['home', f.bare.workersHome, f.nginx.home],
    ]),
  ].join('\n');
}

/** PostgreSQL runs on the same cores (its server and every backend are processes named postgres). */
const postgresCpu: CpuClock = () => commandCpuSeconds('postgres');

/**
 * Quire on PostgreSQL, 1 and 2 processes, rendering fresh: a schema made for the run (dropped at its end) and seeded
 * like the SQLite site. Undefined, with a note saying why, when PostgreSQL does not answer.
 */
async function startPostgres(site: BenchSite, notes: string[]): Promise<{ one: RunningServer; two: RunningServer } | undefined> {
  try {
    pgSchema = await createBenchSchema(postgresUrl);
  } catch (error) {
    notes.push(
      `PostgreSQL is not reachable at ${postgresUrl} (${error instanceof Error ? error.message : String(error)}): the PostgreSQL rows are skipped. ` +
        'Start PostgreSQL there, or give another with --postgres=URL, to get them.',
    );
    return undefined;
  }
  const target: PostgresTarget = { url: pgSchema.url, schema: pgSchema.schema };
  const dataDir = path.join(tmp, 'data-postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  progress(`seeding the same site in PostgreSQL schema ${target.schema}`);
  const pgSite = await prepareSite(dataDir, target);
  if (pgSite.postPath !== site.postPath) throw new Error(`The PostgreSQL site's post is at ${pgSite.postPath}, not ${site.postPath}`);
  const one = await startQuire({ dataDir, postgres: target });
  await record(one, pgSite.postPath, COMMENT_COUNT);
  const two = await startQuire({ dataDir, postgres: target, workers: WORKERS });
  return { one, two };
}

/** A separate server process under --cpu-prof while the post page is loaded; its figures are not the results above. */
async function profilePostPage(site: BenchSite, target: Exclude<ProfileTarget, 'comments'>, pages: { post: RecordedPage; home: RecordedPage } | undefined): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `quire-bench-profile-${target}-`));
  progress(`profiling ${target} under post-page load into ${dir}`);
  const nodeFlags = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  let server: RunningServer;
  if (target === 'bare') {
    const post = pages?.post ?? recordPage(site.postPath, await withServer(startQuire({ dataDir: site.dataDir }), (q) => fetchPage(`${q.url}${site.postPath}`)));
    const pagesFile = path.join(dir, 'pages.json');
    fs.writeFileSync(pagesFile, JSON.stringify([post]));
    server = await startBare(pagesFile, site.postPath, { nodeFlags });
  } else {
    server = await startQuire({ dataDir: site.dataDir, pageCache: target === 'cached', nodeFlags });
  }
  let figures: LoadFigures;
  let window: { fromUs: number; toUs: number };
  try {
    const url = `${server.url}${site.postPath}`;
    await measureLoad(url, { ...load, durationS: load.warmupS, warmupS: 0, repeats: 1 });
    if (target === 'cached' && !(await cacheHits(server, site.postPath, 2))) throw new Error('The profiled Quire answers no X-Cache: HIT');
    const fromUs = monotonicUs();
    figures = await measureLoad(url, { ...load, warmupS: 0 }, server.cpuSeconds);
    window = { fromUs, toUs: monotonicUs() };
    server.assertRunning();
  } finally {
    await server.stop();
  }
  // One file per thread: the main thread's is the largest (tsx's module loader thread also writes one, nearly empty).
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const main = files.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size).slice(0, 1);
  console.log('');
  console.log(
    `Profile of ${server.name} (${target}): ${int(figures.reqPerSec)} req/s under the profiler ` +
      `(server ${figures.serverCores.toFixed(2)} cores; profiling slows it down, the profile is kept).`,
  );
  console.log(main.length > 0 ? main.map((file) => summarizeProfile(path.join(dir, file), window)).join('\n\n') : `No .cpuprofile was written to ${dir}.`);
  if (files.length > 1) console.log(`(${files.length - 1} more profile(s) of other threads kept in ${dir}.)`);
}

try {
  await run();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
  await pgSchema?.drop().catch(() => {});
}

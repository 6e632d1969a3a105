// The comments section of `npm run bench`: guest comments posted per second through POST /comments with every check
// on, and the post page's req/s while comments arrive at the target rate, against its idle req/s in the same rounds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { COMMENT_SETTINGS, type CommentForm, commentBodies, commentBody, commentHeaders, commentLoad, commenterIp } from './comment-writer.js';
import { type CommentsStored, type JobProbe, countStored, openJobProbe } from './comment-stored.js';
import { type CpuClock, type LoadFigures, type LoadSettings, type MeasuredRun, combineRuns, measureRun, otherCpu } from './load.js';
import { type BenchSite, prepareSite } from './prepare.js';
import { type ProfileWindow, monotonicUs, summarizeProfile } from './profile.js';
import { median } from './report.js';
import { type PostgresTarget, type RunningServer, commandCpuSeconds, fetchPage, sleep, startQuire } from './servers.js';

/** The minimum fill time the site keeps (its default): the form's stamp must be older than this. */
const MIN_FILL_MS = 3000;
/** Connections of the paced comments: enough that the pace, not the connections, sets the rate when pages are slow. */
const PACED_CONNECTIONS = 32;
/** Each run's commenters are numbered from run × this: no e-mail or address comes twice in a section. */
const RUN_NUMBERS = 2 ** 18;
/** The longest the server may take to run the jobs of one run's comments before the section gives up. */
const DRAIN_LIMIT_S = 180;
/** QUIRE_TRUST_PROXY=loopback: the generator on loopback is the "proxy", so each X-Forwarded-For is a commenter. */
const COMMENT_SERVER_ENV = { QUIRE_TRUST_PROXY: 'loopback' } as const;

export interface CommentsOptions {
  readonly load: LoadSettings;
  /** A temp folder for the section's sites and the generator's files. */
  readonly dir: string;
  /** Comments per second while the post page is loaded. */
  readonly ratePerSec: number;
  /** A fresh PostgreSQL schema (the caller drops it); throws when PostgreSQL does not answer. */
  readonly postgres: () => Promise<PostgresTarget>;
  readonly progress: (line: string) => void;
}

export interface CommentsRow {
  readonly database: 'SQLite' | 'PostgreSQL';
  /** POST /comments alone, as fast as the server answers: req/s is comments/s. */
  readonly comments: LoadFigures;
  /** Seconds the server then took to run the jobs those comments queued (moderation mail), run by run. */
  readonly drainS: readonly number[];
  /** The server's CPU per comment, the run and the jobs after it (its mail) together: µs, median over the runs. */
  readonly cpuPerCommentUs: number;
  readonly pageIdle: LoadFigures;
  /** The post page while comments arrive at ratePerSec. */
  readonly pageBusy: LoadFigures;
  /** Those comments: the rate they were answered at meanwhile. */
  readonly meanwhile: LoadFigures;
  readonly stored: CommentsStored;
}

export interface CommentsFigures {
  readonly ratePerSec: number;
  readonly postPath: string;
  readonly rows: readonly CommentsRow[];
  readonly notes: readonly string[];
}

/** The demo site and its post with 50 comments, with the discussion settings of comment-writer.ts. */
export async function prepareCommentSite(dataDir: string, postgres?: PostgresTarget): Promise<BenchSite> {
  const site = await prepareSite(dataDir, postgres);
  const config = loadConfig({
    QUIRE_DATA_DIR: dataDir, QUIRE_DEMO: '0', QUIRE_JOBS: '0', QUIRE_PAGE_CACHE: 'off', LOG_LEVEL: 'warn',
    DATABASE_URL: postgres?.url, QUIRE_DB_SCHEMA: postgres?.schema,
  });
  const app = await createApp(config, { logger: false });
  try {
    await app.services.settings.update(COMMENT_SETTINGS);
  } finally {
    await app.close();
  }
  return site;
}

/** The post page's form: its post id, its stamp (when it was served, signed) and the comments one may answer. */
export async function readCommentForm(server: RunningServer, postPath: string): Promise<CommentForm> {
  const page = await fetchPage(`${server.url}${postPath}`);
  if (page.status !== 200) throw new Error(`${server.name}: ${postPath} answered ${page.status}`);
  const $ = cheerio.load(page.body.toString('utf8'));
  const stamp = $('#commentform input[name="quire_stamp"]').val();
  const postId = Number($('#commentform input[name="comment_post_ID"]').val());
  const parentIds = $('li[id^="comment-"]').map((_, li) => Number($(li).attr('id')?.slice('comment-'.length))).get();
  if (typeof stamp !== 'string' || stamp === '' || !Number.isInteger(postId)) throw new Error(`${server.name}: no comment form with a stamp on ${postPath}`);
  return { postId, stamp, parentIds: parentIds.filter((id) => Number.isInteger(id)) };
}

/** One database's server, its form and its runs. */
interface Target {
  readonly database: 'SQLite' | 'PostgreSQL';
  readonly server: RunningServer;
  readonly site: BenchSite;
  readonly postgres?: PostgresTarget;
  readonly bodies: readonly string[];
  readonly bodiesFile: string;
  readonly databaseCpu?: CpuClock;
  readonly jobs: JobProbe;
  /** The post commented on (read from its form). */
  readonly postId: number;
  /** Numbers the next run's commenters (run 0: the checks before the runs). */
  nextRun: number;
  readonly runs: { comments: MeasuredRun[]; drainS: number[]; drainCpuS: number[]; idle: MeasuredRun[]; busy: MeasuredRun[]; meanwhile: MeasuredRun[] };
}

/** A POST of commenter n, as the generators send it; `change` edits the form fields first. */
async function postOne(target: Target, n: number, ip: string, change: (fields: URLSearchParams) => void = () => {}) {
  const fields = new URLSearchParams(commentBody(target.bodies, n));
  change(fields);
  const response = await fetch(`${target.server.url}/comments`, {
    method: 'POST', body: fields.toString(), headers: { ...commentHeaders(target.server.url), 'x-forwarded-for': ip },
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  return { status: response.status, code: body.code ?? '' };
}

/**
 * Before any load: a comment is accepted, and the checks are on — a second commenter from the same address is
 * refused as a flood (so X-Forwarded-For is the address counted), a filled honeypot and a missing stamp are refused.
 */
async function checkPipeline(target: Target): Promise<string> {
  const ip = commenterIp(1);
  const expect = [
    ['a comment', await postOne(target, 1, ip), 201, ''],
    ['another commenter, same address', await postOne(target, 2, ip), 429, 'COMMENT_FLOOD'],
    ['honeypot filled', await postOne(target, 3, commenterIp(3), (f) => f.set('quire_hp', 'https://spam.example')), 400, 'COMMENT_REJECTED'],
    ['no stamp', await postOne(target, 4, commenterIp(4), (f) => f.delete('quire_stamp')), 429, 'COMMENT_TOO_FAST'],
  ] as const;
  for (const [what, got, status, code] of expect) {
    if (got.status !== status || (code && got.code !== code)) {
      throw new Error(`${target.server.name}: ${what} answered ${got.status} ${got.code}, not ${status} ${code}: the comments section cannot run.`);
    }
  }
  return expect.map(([what, got]) => `${what} → ${got.status}${got.code ? ` ${got.code}` : ''}`).join(', ');
}

function commentSettings(options: CommentsOptions, target: Target, ratePerSec: number, failFile: string): LoadSettings {
  const { load } = options;
  const run = { bodiesFile: target.bodiesFile, bodies: target.bodies, firstNumber: target.nextRun++ * RUN_NUMBERS, ratePerSec, failFile, threads: load.threads };
  const headers = { ...load.headers, ...commentHeaders(target.server.url) };
  return { ...load, connections: ratePerSec > 0 ? PACED_CONNECTIONS : load.connections, headers, script: commentLoad(run, headers) };
}

/** One run of comments (paced when ratePerSec > 0); a refusal stops it, and the error says which (from the Lua script). */
async function postComments(options: CommentsOptions, target: Target, durationS: number, ratePerSec: number, cpu: boolean): Promise<MeasuredRun> {
  const failFile = path.join(options.dir, `refusal-${target.database}-${target.nextRun}.txt`);
  const settings = commentSettings(options, target, ratePerSec, failFile);
  try {
    return await measureRun(`${target.server.url}/comments`, settings, durationS, cpu ? target.server.cpuSeconds : undefined, cpu ? target.databaseCpu : undefined);
  } catch (error) {
    if (!fs.existsSync(failFile)) throw error;
    const [status, ...body] = fs.readFileSync(failFile, 'utf8').split('\n');
    throw new Error(`${target.server.name}: a comment was refused under load: ${status} ${body.join('\n').slice(0, 500)}`, { cause: error });
  }
}

/** The post page while comments arrive at the given pace: the comments start first and end last. */
async function measureBusy(options: CommentsOptions, target: Target): Promise<void> {
  const { load } = options;
  const comments = postComments(options, target, load.durationS + 1, options.ratePerSec, false).then((run) => ({ run }), (error: unknown) => ({ error }));
  await sleep(500);
  const page = await measureRun(`${target.server.url}${target.site.postPath}`, load, load.durationS, target.server.cpuSeconds, target.databaseCpu);
  const meanwhile = await comments;
  if ('error' in meanwhile) throw meanwhile.error;
  target.runs.busy.push(page);
  target.runs.meanwhile.push(meanwhile.run);
  await drainJobs(target);
}

/**
 * Waits until the server has run the jobs its comments queued (each held comment mails the moderators), so that
 * the next row starts on an idle server; returns the seconds it took.
 */
async function drainJobs(target: Target): Promise<number> {
  const started = performance.now();
  while ((await target.jobs.due()) > 0) {
    target.server.assertRunning();
    if (performance.now() - started > DRAIN_LIMIT_S * 1000) throw new Error(`${target.server.name}: its jobs were not done ${DRAIN_LIMIT_S} s after the comments`);
    await sleep(50);
  }
  return (performance.now() - started) / 1000;
}

async function measureCommentsAlone(options: CommentsOptions, target: Target): Promise<void> {
  const run = await postComments(options, target, options.load.durationS, 0, true);
  const cpuBefore = target.server.cpuSeconds();
  target.runs.comments.push(run);
  target.runs.drainS.push(await drainJobs(target));
  target.runs.drainCpuS.push(target.server.cpuSeconds() - cpuBefore);
}

async function startTarget(options: CommentsOptions, database: Target['database'], postgres?: PostgresTarget, nodeFlags?: readonly string[]): Promise<Target> {
  const dataDir = path.join(options.dir, `data-${database.toLowerCase()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  options.progress(`comments: seeding the ${database} site (word lists, limits raised) in ${dataDir}`);
  const site = await prepareCommentSite(dataDir, postgres);
  const server = await startQuire({ dataDir, ...(postgres ? { postgres } : {}), ...(nodeFlags ? { nodeFlags } : {}), env: COMMENT_SERVER_ENV });
  const bodiesFile = path.join(options.dir, `bodies-${database.toLowerCase()}.txt`);
  return {
    database, server, site, ...(postgres ? { postgres, databaseCpu: () => commandCpuSeconds('postgres') } : {}),
    jobs: await openJobProbe(dataDir, postgres),
    bodies: [], bodiesFile, postId: 0, nextRun: 0, runs: { comments: [], drainS: [], drainCpuS: [], idle: [], busy: [], meanwhile: [] },
  };
}

/** Reads each server's form, waits out the minimum fill time once, writes the bodies and checks the pipeline. */
async function readyTargets(options: CommentsOptions, targets: readonly Target[]): Promise<Target[]> {
  const servedAt = Date.now();
  const forms = await Promise.all(targets.map((t) => readCommentForm(t.server, t.site.postPath)));
  const ready = targets.map((t, i) => {
    const form = forms[i] as CommentForm;
    const bodies = commentBodies(form);
    fs.writeFileSync(t.bodiesFile, `${bodies.join('\n')}\n`);
    return { ...t, bodies, postId: form.postId };
  });
  await sleep(Math.max(0, servedAt + MIN_FILL_MS + 300 - Date.now()));
  for (const t of ready) options.progress(`comments: ${t.database}: ${await checkPipeline(t)}`);
  for (const t of ready) t.nextRun = 1;
  return ready;
}

export async function measureComments(options: CommentsOptions): Promise<CommentsFigures> {
  const { load, progress } = options;
  const notes: string[] = [];
  const started: Target[] = [];
  try {
    started.push(await startTarget(options, 'SQLite'));
    const postgres = await options.postgres().catch((error: unknown) => {
      notes.push(`PostgreSQL does not answer (${error instanceof Error ? error.message : String(error)}): no PostgreSQL row.`);
      return undefined;
    });
    if (postgres) started.push(await startTarget(options, 'PostgreSQL', postgres));
    const targets = await readyTargets(options, started);
    for (const t of targets) {
      if (load.warmupS <= 0) continue;
      progress(`comments: warm-up ${t.server.name} (${load.warmupS} s of comments, ${load.warmupS} s of the post page)`);
      await postComments(options, t, load.warmupS, 0, false);
      await drainJobs(t);
      await measureRun(`${t.server.url}${t.site.postPath}`, load, load.warmupS);
    }
    const steps = targets.flatMap((t) => [
      { name: `${t.database} comments`, run: () => measureCommentsAlone(options, t) },
      { name: `${t.database} post page, idle`, run: async () => void t.runs.idle.push(await measureRun(`${t.server.url}${t.site.postPath}`, load, load.durationS, t.server.cpuSeconds, t.databaseCpu)) },
      { name: `${t.database} post page + ${options.ratePerSec} comments/s`, run: () => measureBusy(options, t) },
    ]);
    for (let round = 0; round < load.repeats; round++) {
      for (const step of round % 2 === 0 ? steps : [...steps].reverse()) {
        progress(`comments: round ${round + 1}/${load.repeats}: ${step.name} (${load.durationS} s)`);
        await step.run();
        for (const t of targets) t.server.assertRunning();
      }
    }
    const other = otherCpu(targets.flatMap((t) => [...t.runs.comments, ...t.runs.idle]));
    if (Number.isFinite(other.otherCores)) {
      notes.push(`During the comments and idle runs, other processes used ${other.otherCores.toFixed(2)} cores${other.otherCores > 0.1 ? ' — enough to skew the figures' : ''}.`);
    }
    const rows: CommentsRow[] = [];
    for (const t of targets) {
      rows.push({
        database: t.database,
        comments: combineRuns(t.runs.comments, t.databaseCpu !== undefined),
        drainS: t.runs.drainS,
        cpuPerCommentUs: median(t.runs.comments.map((run, i) => (1e6 * (run.serverS + (t.runs.drainCpuS[i] ?? Number.NaN))) / run.result.requests)),
        pageIdle: combineRuns(t.runs.idle, t.databaseCpu !== undefined),
        pageBusy: combineRuns(t.runs.busy, t.databaseCpu !== undefined),
        meanwhile: combineRuns(t.runs.meanwhile),
        stored: await countStored(t.site.dataDir, t.postId, t.postgres),
      });
    }
    return { ratePerSec: options.ratePerSec, postPath: targets[0]?.site.postPath ?? '', rows, notes };
  } finally {
    for (const t of started) {
      await t.server.stop();
      await t.jobs.close();
    }
  }
}

/** A separate SQLite server under --cpu-prof while comments are posted as fast as it answers; its figures are not results. */
export async function profileComments(options: CommentsOptions): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-profile-comments-'));
  const inDir = { ...options, dir };
  const { load } = options;
  options.progress(`profiling comments (POST /comments, SQLite) into ${dir}`);
  const started = await startTarget(inDir, 'SQLite', undefined, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  let summary: string;
  let window: ProfileWindow;
  try {
    const [target = started] = await readyTargets(inDir, [started]);
    await postComments(inDir, target, load.warmupS, 0, false);
    const fromUs = monotonicUs();
    const run = await postComments(inDir, target, load.durationS * load.repeats, 0, true);
    window = { fromUs, toUs: monotonicUs() };
    summary =
      `Profile of ${started.server.name} posting comments: ${Math.round(run.result.reqPerSec)} comments/s under the profiler ` +
      `(server ${(run.serverS / run.wallS).toFixed(2)} cores; profiling slows it down; the profile is kept in ${dir}).`;
  } finally {
    await started.server.stop();
    await started.jobs.close();
  }
  // One file per thread: the main thread's is the largest.
  const files = fs.readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  const main = files.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
  return `${summary}\n${main ? summarizeProfile(path.join(dir, main), window) : `No .cpuprofile was written to ${dir}.`}`;
}

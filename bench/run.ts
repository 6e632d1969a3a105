// `npm run bench`: seeds a site, then measures Quire against a bare node:http baseline in one run and prints the figures.
// Options: --profile (afterwards, profile Quire under post-page load with --cpu-prof), --duration=S, --warmup=S.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LoadFigures, type LoadSettings, defaultLoad, measureLoad } from './load.js';
import { COMMENT_COUNT, type BenchSite, prepareSite } from './prepare.js';
import { monotonicUs, summarizeProfile } from './profile.js';
import { type Scenario, type StartFigures, TARGETS, loadTable, machineHeader, machineLoadNote, startTable } from './report.js';
import {
  type RecordedPage, type RunningServer, fetchPage, killAllNow, recordPage, residentMb, sleep, startBare, startNodeFloor, startQuire, stopAll,
} from './servers.js';

const STARTS = 5;
const IDLE_MS = 2000;

function numberOption(name: string, fallback: number): number {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number of seconds`);
  return value;
}

const load: LoadSettings = {
  ...defaultLoad,
  durationS: numberOption('duration', defaultLoad.durationS),
  warmupS: numberOption('warmup', defaultLoad.warmupS),
};
const wantProfile = process.argv.includes('--profile');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));

function cleanUp(): void {
  killAllNow();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the servers and removing ${tmp}\n`);
    void stopAll().finally(() => process.exit(130));
  });
}

const progress = (line: string) => process.stderr.write(`… ${line}\n`);

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

/** Records a page from Quire and checks it is what the scenario claims to measure. */
async function record(url: string, pagePath: string, expectComments?: number): Promise<RecordedPage> {
  const page = await fetchPage(`${url}${pagePath}`);
  if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
  const comments = page.body.toString('utf8').match(/<li id="comment-\d+"/g)?.length ?? 0;
  if (expectComments !== undefined && comments !== expectComments) {
    throw new Error(`${pagePath} shows ${comments} comments, not ${expectComments}`);
  }
  return recordPage(pagePath, page);
}

async function run(): Promise<void> {
  console.log(machineHeader(load));
  console.log(machineLoadNote('before the run'));
  progress(`seeding the demo site and a post with ${COMMENT_COUNT} comments in ${tmp}`);
  const site = await prepareSite(path.join(tmp, 'data'));
  const starts = await measureStarts(site);

  progress('starting Quire for the load runs');
  const quire = await startQuire({ dataDir: site.dataDir });
  const pages = [await record(quire.url, site.postPath, COMMENT_COUNT), await record(quire.url, '/')];
  const measure: Measure = async (server, pagePath) => {
    progress(`${server.name} ${server.url}${pagePath} (${load.warmupS} s warm-up + ${load.durationS} s)`);
    const figures = await measureLoad(`${server.url}${pagePath}`, load);
    // A server that died during the run leaves only connection errors behind: no figure to print.
    server.assertRunning();
    return figures;
  };
  const quirePost = await measure(quire, site.postPath);
  const quireHome = await measure(quire, '/');
  await sleep(IDLE_MS);
  quire.assertRunning();
  const rssAfterLoadMb = residentMb(quire.pid);
  await quire.stop();
  const quireCachedPost = await measureCachedPost(site, measure);

  const pagesFile = path.join(tmp, 'pages.json');
  fs.writeFileSync(pagesFile, JSON.stringify(pages));
  const bare = await startBare(pagesFile, '/');
  const barePost = await measure(bare, site.postPath);
  const bareHome = await measure(bare, '/');
  await bare.stop();

  const size = (p: RecordedPage | undefined) => `${Buffer.byteLength(p?.bodyBase64 ?? '', 'base64').toLocaleString('en')} bytes`;
  const scenarios: Scenario[] = [
    {
      name: 'Post page', detail: `${COMMENT_COUNT} comments, ${size(pages[0])}`,
      bare: barePost, quire: quirePost, quireCached: quireCachedPost, targetReqPerSec: TARGETS.postReqPerSec,
    },
    { name: 'Home page', detail: size(pages[1]), bare: bareHome, quire: quireHome },
  ];
  console.log(`Quire: node bin/quire.js serve, LOG_LEVEL=warn; "rendered fresh" with QUIRE_PAGE_CACHE=off. Post page: ${site.postPath}`);
  if (!quireCachedPost) console.log('(No page-cache row: this Quire does not answer X-Cache: HIT on a repeat visit.)');
  console.log('');
  console.log(loadTable(scenarios));
  console.log('');
  console.log(startTable({ ...starts, rssAfterLoadMb }));
  console.log(machineLoadNote('at the end'));

  if (wantProfile) await profilePostPage(site);
}

type Measure = (server: RunningServer, pagePath: string) => Promise<LoadFigures>;

/** The post page from a Quire with its page cache on (repeat visits hit it); undefined when this Quire has no cache. */
async function measureCachedPost(site: BenchSite, measure: Measure): Promise<LoadFigures | undefined> {
  const quire = await startQuire({ dataDir: site.dataDir, pageCache: true });
  try {
    await fetchPage(`${quire.url}${site.postPath}`);
    const repeat = await fetchPage(`${quire.url}${site.postPath}`);
    if (repeat.status !== 200 || repeat.headers['x-cache'] !== 'HIT') return undefined;
    return await measure(quire, site.postPath);
  } finally {
    await quire.stop();
  }
}

/** A separate Quire process under --cpu-prof while the post page is loaded; its figures are not the results above. */
async function profilePostPage(site: BenchSite): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-profile-'));
  progress(`profiling Quire under post-page load into ${dir}`);
  const quire = await startQuire({ dataDir: site.dataDir, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const url = `${quire.url}${site.postPath}`;
  await measureLoad(url, { ...load, durationS: load.warmupS, warmupS: 0 });
  const fromUs = monotonicUs();
  const figures: LoadFigures = await measureLoad(url, { ...load, warmupS: 0 });
  const toUs = monotonicUs();
  quire.assertRunning();
  await quire.stop();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  console.log('');
  console.log(`Under the profiler: ${Math.round(figures.reqPerSec).toLocaleString('en')} req/s (profiling slows it down; the profile is kept).`);
  console.log(file ? summarizeProfile(path.join(dir, file), { fromUs, toUs }) : `No .cpuprofile was written to ${dir}.`);
}

try {
  await run();
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

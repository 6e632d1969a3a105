// The `wxr` section of the benchmark: generates WordPress exports (streamed to disk), imports each with
// `quire import wordpress` into a fresh SQLite site, and reports items per second and the importer's peak memory.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'quire.js');

export interface WxrSize {
  readonly posts: number;
  readonly commentsPerPost: number;
}

export interface WxrFigures {
  readonly size: WxrSize;
  readonly fileMb: number;
  /** Posts + comments + terms + authors. */
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSec: number;
  /** Items per CPU second of the import process: what the machine's other load does not change. */
  readonly itemsPerCpuSec: number;
  /** The import process's peak resident set (VmHWM), MB. */
  readonly peakRssMb: number;
}

export const WXR_TARGETS = { itemsPerSec: 5_000, peakRssMb: 200 } as const;
export const WXR_SIZES: readonly WxrSize[] = [
  { posts: 10_000, commentsPerPost: 10 },
  { posts: 30_000, commentsPerPost: 10 },
];

const AUTHORS = 5;
const CATEGORIES = 20;
const TAGS = 100;
const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

function words(seed: number, count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
  return text.trim();
}

function wpDate(n: number): string {
  return new Date(Date.UTC(2015, 0, 1) + n * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

function head(): string {
  const authors = Array.from({ length: AUTHORS }, (_, i) =>
    `<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>writer${i + 1}</wp:author_login><wp:author_email>writer${i + 1}@example.test</wp:author_email><wp:author_display_name><![CDATA[Writer ${i + 1}]]></wp:author_display_name></wp:author>`);
  const categories = Array.from({ length: CATEGORIES }, (_, i) =>
    `<wp:category><wp:term_id>${i + 2}</wp:term_id><wp:category_nicename>topic-${i}</wp:category_nicename><wp:category_parent>${i >= 10 ? `topic-${i - 10}` : ''}</wp:category_parent><wp:cat_name><![CDATA[Topic ${i}]]></wp:cat_name></wp:category>`);
  const tags = Array.from({ length: TAGS }, (_, i) =>
    `<wp:tag><wp:term_id>${i + 100}</wp:term_id><wp:tag_slug>tag-${i}</wp:tag_slug><wp:tag_name><![CDATA[Tag ${i}]]></wp:tag_name></wp:tag>`);
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Benchmark blog</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>
${[...authors, ...categories, ...tags].join('\n')}
`;
}

function comment(id: number, postIndex: number, index: number): string {
  // Every third comment answers the one before it: threads, as real sites have.
  const parent = index % 3 === 2 ? id - 1 : 0;
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 997}]]></wp:comment_author>
<wp:comment_author_email>reader${id % 997}@example.test</wp:comment_author_email><wp:comment_author_url>https://reader${id % 997}.example/</wp:comment_author_url>
<wp:comment_author_IP>198.51.100.${id % 250}</wp:comment_author_IP><wp:comment_date>${wpDate(postIndex + index)}</wp:comment_date><wp:comment_date_gmt>${wpDate(postIndex + index)}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[${words(id, 30)}]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
}

function item(n: number, size: WxrSize): string {
  const id = n + 1;
  const comments = Array.from({ length: size.commentsPerPost }, (_, c) => comment(n * size.commentsPerPost + c + 1, n, c));
  const body = Array.from({ length: 4 }, (_, p) => `<!-- wp:paragraph -->\n<p>${words(id + p, 40)}</p>\n<!-- /wp:paragraph -->`).join('\n\n');
  return `<item><title><![CDATA[Post ${id}: ${words(id, 5)}]]></title><link>https://bench.example/?p=${id}</link>
<dc:creator><![CDATA[writer${(n % AUTHORS) + 1}]]></dc:creator><guid isPermaLink="false">https://bench.example/?p=${id}</guid><description></description>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date>${wpDate(n)}</wp:post_date><wp:post_date_gmt>${wpDate(n)}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>post-${id}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="topic-${n % CATEGORIES}"><![CDATA[Topic ${n % CATEGORIES}]]></category>
<category domain="post_tag" nicename="tag-${n % TAGS}"><![CDATA[Tag ${n % TAGS}]]></category>
${comments.join('\n')}
</item>
`;
}

/** Writes the export a post at a time, waiting for the disk: the generator's memory stays small too. */
export async function generateWxr(file: string, size: WxrSize): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(head());
  for (let n = 0; n < size.posts; n++) await write(item(n, size));
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
  return AUTHORS + CATEGORIES + TAGS + size.posts * (1 + size.commentsPerPost);
}

/** Peak resident memory so far (VmHWM), MB; 0 when the process is gone. */
function peakMb(pid: number): number {
  try {
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) the process has used so far; 0 when it is gone. Linux's USER_HZ is 100. */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  } catch {
    return 0;
  }
}

async function importInChild(file: string, dataDir: string, progress: (line: string) => void): Promise<{ seconds: number; cpuS: number; peakRssMb: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'import', 'wordpress', file], {
    env: { PATH: process.env.PATH ?? '', QUIRE_DATA_DIR: dataDir, QUIRE_URL: 'http://bench.test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peak = 0;
  let cpuS = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakMb(child.pid ?? 0));
    cpuS = Math.max(cpuS, cpuSeconds(child.pid ?? 0));
  }, 50);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const line of chunk.split('\n').filter(Boolean)) progress(`  ${line}`);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`quire import wordpress exited with ${code}:\n${output}`);
  return { seconds, cpuS, peakRssMb: peak };
}

/** One size: generate, import into a fresh data folder, measure; the file and folder are removed afterwards. */
export async function measureWxrImport(tmp: string, size: WxrSize, progress: (line: string) => void): Promise<WxrFigures> {
  const dir = fs.mkdtempSync(path.join(tmp, 'wxr-'));
  try {
    const file = path.join(dir, 'export.xml');
    progress(`generating a WXR file: ${size.posts} posts, ${size.posts * size.commentsPerPost} comments`);
    const items = await generateWxr(file, size);
    const fileMb = fs.statSync(file).size / 1_048_576;
    progress(`importing ${fileMb.toFixed(0)} MB with quire import wordpress (SQLite, fresh data folder)`);
    const { seconds, cpuS, peakRssMb } = await importInChild(file, path.join(dir, 'data'), progress);
    return { size, fileMb, items, seconds, itemsPerSec: items / seconds, itemsPerCpuSec: items / Math.max(cpuS, 0.01), peakRssMb };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function wxrReport(rows: readonly WxrFigures[]): string {
  const lines = ['', `WXR import (quire import wordpress, one process, SQLite; time includes start-up and migrations). Targets: ≥ ${WXR_TARGETS.itemsPerSec} items/s, peak RSS < ${WXR_TARGETS.peakRssMb} MB and flat.`];
  for (const r of rows) {
    lines.push(
      `  ${r.size.posts} posts + ${r.size.posts * r.size.commentsPerPost} comments (${r.fileMb.toFixed(0)} MB, ${r.items} items): ` +
        `${r.seconds.toFixed(1)} s, ${Math.round(r.itemsPerSec)} items/s ${r.itemsPerSec >= WXR_TARGETS.itemsPerSec ? '(ok)' : '(BELOW TARGET)'} ` +
        `(${Math.round(r.itemsPerCpuSec)} items per CPU second), ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB ${r.peakRssMb < WXR_TARGETS.peakRssMb ? '(ok)' : '(ABOVE TARGET)'}`,
    );
  }
  return lines.join('\n');
}

/** The section: every size in turn, each in a fresh data folder. */
export async function measureWxrSection(tmp: string, progress: (line: string) => void): Promise<WxrFigures[]> {
  const rows: WxrFigures[] = [];
  for (const size of WXR_SIZES) rows.push(await measureWxrImport(tmp, size, progress));
  return rows;
}

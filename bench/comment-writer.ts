// The comments section's commenters: the bench site's discussion settings (word lists, raised limits) and the form
// bodies of distinct guest comments, posted by wrk (bench/comment-post.lua) or autocannon alike.
import path from 'node:path';
import type { ScriptedLoad } from './load.js';
import { repoRoot } from './servers.js';

export const COMMENT_SCRIPT = path.join(repoRoot, 'bench', 'comment-post.lua');

/** Held for moderation (WordPress's moderation_keys): what a blog's owner typically lists. */
export const MODERATION_WORDS: readonly string[] = [
  'bitcoin', 'ethereum', 'crypto', 'nft', 'forex', 'binary option', 'payday', 'loan', 'mortgage', 'refinance',
  'insurance quote', 'credit repair', 'debt relief', 'seo', 'backlink', 'link building', 'guest post', 'sponsored',
  'affiliate', 'promo code', 'coupon', 'discount code', 'free trial', 'click here', 'subscribe to my', 'check out my',
  'my channel', 'dm me', 'whatsapp', 'telegram', 'onlyfans', 'dating', 'hookup', 'diet pill', 'keto', 'cbd', 'vape',
  'essay writing', 'homework help', 'assignment help', 'followers', 'likes for', 'make money', 'work from home',
  'passive income', 'investment opportunity', 'giveaway', 'lottery', 'inheritance', 'wire transfer',
];

/** Straight to the trash (WordPress's disallowed_keys). */
export const DISALLOWED_WORDS: readonly string[] = [
  'viagra', 'cialis', 'levitra', 'tramadol', 'xanax', 'valium', 'oxycodone', 'phentermine', 'porn', 'xxx', 'escort',
  'camgirl', 'casino', 'poker online', 'slot gacor', 'judi', 'togel', 'betting tips', 'replica watches', 'replica bags',
  'fake passport', 'fake id', 'buy followers', 'buy likes', 'cheap pills', 'online pharmacy', 'no prescription',
  'payday loan', 'crypto signal', 'forex signal', 'seo service', 'backlinks cheap', 'earn money fast', 'weight loss pill',
  'male enhancement', 'penis', 'hacked account', 'carding', 'cvv', 'dumps shop', 'ddos', 'warez', 'keygen',
  'crack download', 'torrent download', 'spam list', 'mailing list for sale', 'bulk email', 'account for sale', 'rolex replica',
];

/**
 * The bench site's settings: WordPress's defaults (every check on, "previously approved" holds each new commenter),
 * the word lists above, and the rate limits raised so that they are counted for every comment but refuse none.
 * The minimum fill time stays at its default (3 s): the section waits that long once after reading the form.
 */
export const COMMENT_SETTINGS = {
  commentModerationKeys: MODERATION_WORDS.join('\n'),
  commentDisallowedKeys: DISALLOWED_WORDS.join('\n'),
  commentSiteLimitPerMinute: 1_000_000,
  commentIpLimitPerHour: 1_000,
} as const;

/** What the post page's form holds, read once per server. */
export interface CommentForm {
  readonly postId: number;
  readonly stamp: string;
  /** Approved comments shown on the page: a third of the comments answer one of them. */
  readonly parentIds: readonly number[];
}

/** Sent with every comment, as a browser's script sends the form (JSON answer, same-origin fetch). */
export function commentHeaders(origin: string): Readonly<Record<string, string>> {
  return {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    origin,
    'sec-fetch-site': 'same-origin',
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  };
}

/** Where the commenter's number goes in a body: a control character (never typed) that form encoding turns into %01. */
const MARK = '\u0001N\u0001';
const ENCODED_MARK = '%01N%01';
/** The number's place in the bodies written for the generators. */
export const NUMBER_PLACE = '{n}';

const FIRST = ['Anna', 'Bilal', 'Chiara', 'Dmitri', 'Elif', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Lukas', 'Mei', 'Nils', 'Olga', 'Pablo'];
const LAST = ['Schmidt', 'Okafor', 'Rossi', 'Petrov', 'Yilmaz', 'Adeyemi', 'Larsen', 'Tanaka', 'Garcia', 'Berg', 'Iyer', 'Novak', 'Chen', 'Holm', 'Ivanova', 'Romero'];
const DOMAINS = ['example.org', 'example.net', 'example.com', 'mail.example', 'posteo.example', 'fastmail.example', 'proton.example', 'gmx.example'];
const OPENERS = [
  'Thanks for this write-up.', 'Great article.', 'I have been doing this for years and still learned something.', 'Interesting approach.',
  'This matches what I saw in my own shop.', 'Quick question about the second step.', 'Lovely photos, by the way.', 'I tried this last weekend.',
  'Not sure I agree with everything here.', 'Finally someone explains it properly.', 'Bookmarked for later.', 'Long-time reader, first comment.',
];
const MIDDLES = [
  'The glue-up took longer than I expected, but the joint is tight and square.',
  'My boards still cupped a little after a week, so I will let them rest longer next time.',
  'I used a *marking gauge* instead of a pencil and the fit was much better.',
  'Do you think a `1:7` ratio would work for oak as well?',
  'A sharp chisel made all the difference; I had been fighting a dull one for months.',
  'Which saw do you use for the cheeks? Mine drifts to the left.',
  'I would add one thing: **check the wood moisture** before cutting anything.',
  'The trick with the scrap block saved me a lot of tear-out.',
  'My grandfather did it the same way, with hide glue and patience.',
  'I followed the steps and the drawer slides like it was made in a factory.',
  'In my experience walnut is more forgiving than cherry here.',
  'Tip for others: clamp a straight board as a fence and the cut stays true.',
];
const CLOSERS = [
  'Thanks again.', 'Looking forward to the next post.', 'Keep it up!', 'Cheers from a cold garage.', 'More of this, please.',
  'Happy building, everyone.', 'I will post a photo when it is finished.', 'Greetings from the workshop.',
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/**
 * The text of comment template k: mostly plain Markdown; 1 in 10 with a link, 1 in 10 with two (held for links),
 * 1 in 20 with a moderation word, 1 in 50 with a disallowed word (trash), 1 in 50 spam (links and spam words).
 * The commenter's number makes every text distinct (the duplicate check).
 */
function commentText(k: number, site: string): string {
  const own = `(Build log #${MARK}.)`;
  if (k % 50 === 7) return `Cheap viagra and more at [our shop](https://pharma.example.net/${k}), fast delivery. ${own}`;
  if (k % 50 === 19) {
    return `Work from home and get backlinks: [one](https://a.example.net/${k}), [two](https://b.example.net/${k}) and [three](https://c.example.net/${k}). ${own}`;
  }
  const parts = [pick(OPENERS, k), pick(MIDDLES, Math.floor(k / 12)), pick(MIDDLES, k + 5)];
  if (k % 20 === 3) parts.push('Has anyone here paid for lumber with bitcoin?');
  if (k % 10 === 2) parts.push(`I wrote up my attempt [on my blog](${site}notes/${k}).`);
  if (k % 10 === 5) parts.push(`Two references that helped me: [a chart](https://chart.example.org/${k}) and [a video](https://video.example.com/${k}).`);
  if (k % 10 === 8) parts.push('\n\nWhat worked for me:\n\n1. rough cut\n2. rest a week\n3. plane to size\n\n');
  parts.push(pick(CLOSERS, Math.floor(k / 7)), own);
  return parts.join(' ').replace(/ ?\n\n ?/g, '\n\n');
}

/** `count` form bodies, each with NUMBER_PLACE where the commenter's number goes (e-mail and text). */
export function commentBodies(form: CommentForm, count = 1000): string[] {
  return Array.from({ length: count }, (_, k) => {
    const first = pick(FIRST, k);
    const last = pick(LAST, Math.floor(k / FIRST.length));
    const domain = pick(DOMAINS, Math.floor(k / 3));
    // Each commenter's own website: the spam score counts a website that many recent comments share.
    const site = `https://${first.toLowerCase()}-${MARK}.${domain}/`;
    const fields = new URLSearchParams({
      comment_post_ID: String(form.postId),
      comment_parent: k % 3 === 0 && form.parentIds.length > 0 ? String(pick(form.parentIds, k)) : '0',
      author: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}.${MARK}@${domain}`,
      url: k % 4 === 1 ? site : '',
      comment: commentText(k, site),
      quire_stamp: form.stamp,
      quire_hp: '',
      subscribe: 'none',
      submit: 'Post Comment',
    });
    return fields.toString().replaceAll(ENCODED_MARK, NUMBER_PLACE);
  });
}

/** Commenter n's body. */
export function commentBody(bodies: readonly string[], n: number): string {
  return (bodies[n % bodies.length] ?? '').replaceAll(NUMBER_PLACE, String(n));
}

/** Commenter n's address, 10.x.y.z (as the Lua script computes it): sent as X-Forwarded-For. */
export function commenterIp(n: number): string {
  const ip = n % 16_777_216;
  return `10.${Math.floor(ip / 65_536)}.${Math.floor(ip / 256) % 256}.${ip % 256}`;
}

export interface CommentRun {
  /** The file of bodies (one a line) the Lua script reads. */
  readonly bodiesFile: string;
  readonly bodies: readonly string[];
  /** The first commenter's number: each run has its own range, so no commenter (e-mail, address) comes twice. */
  readonly firstNumber: number;
  /** Comments per second over all connections; 0: as fast as the server answers. */
  readonly ratePerSec: number;
  /** Where the Lua script writes the first refusal. */
  readonly failFile: string;
  readonly threads: number;
}

/** The same comments for wrk (its Lua script) and for autocannon (setupRequest), paced alike. */
export function commentLoad(run: CommentRun, headers: Readonly<Record<string, string>>): ScriptedLoad {
  let next = run.firstNumber;
  return {
    wrkScript: COMMENT_SCRIPT,
    wrkArgs: [run.bodiesFile, String(run.firstNumber), String(run.ratePerSec), run.failFile, String(Math.max(1, run.threads))],
    autocannon: {
      requests: [{
        method: 'POST',
        path: '/comments',
        headers,
        setupRequest: (request) => {
          const n = next++;
          return { ...request, body: commentBody(run.bodies, n), headers: { ...headers, 'x-forwarded-for': commenterIp(n) } };
        },
      }],
      ...(run.ratePerSec > 0 ? { overallRate: run.ratePerSec } : {}),
    },
  };
}

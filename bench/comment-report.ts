// Prints the comments section: comments/s through POST /comments, and the post page idle and while comments arrive.
import type { CommentsFigures, CommentsRow } from './comments.js';
import type { CommentsStored } from './comment-stored.js';
import { type Group, type Row, TARGETS, int, loadTable, ratioOf, verdict } from './report.js';

const server = (row: CommentsRow) => `Quire, ${row.database}, 1 process`;

/** "12,345 comments (pending 12,000, spam 200, trash 145); jobs: …". */
export function describeStored(stored: CommentsStored): string {
  const entries = Object.entries(stored.comments).filter(([, n]) => n !== 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const jobs = Object.entries(stored.jobs).sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key} ${int(n)}`);
  return `${int(total)} comments (${entries.map(([status, n]) => `${status} ${int(n)}`).join(', ')}); jobs: ${jobs.join(', ') || 'none'}`;
}

function groups(f: CommentsFigures): Group[] {
  const rate = int(f.ratePerSec);
  const commentRows: Row[] = f.rows.map((row) => ({
    server: server(row),
    figures: row.comments,
    ...(row.database === 'SQLite'
      ? { target: { label: `≥ ${int(TARGETS.commentsPerSec)} comments/s`, ok: row.comments.reqPerSec >= TARGETS.commentsPerSec } }
      : {}),
  }));
  const pageRows: Row[] = f.rows.flatMap((row) => {
    const ratio = ratioOf(row.pageBusy, row.pageIdle);
    return [
      { server: `${server(row)}, idle`, figures: row.pageIdle },
      {
        server: `${server(row)}, ${rate} comments/s meanwhile`,
        figures: row.pageBusy,
        baseline: { name: 'idle', figures: row.pageIdle },
        ...(row.database === 'SQLite'
          ? { target: { label: `≥ ${TARGETS.pageWhileCommentingOfIdle.toFixed(2)} of idle`, ok: ratio >= TARGETS.pageWhileCommentingOfIdle } }
          : {}),
      },
    ];
  });
  return [
    { name: 'Guest comments', detail: 'POST /comments, every check', rows: commentRows },
    { name: 'Post page', detail: `idle / ${rate} comments/s`, rows: pageRows },
  ];
}

export function commentsReport(f: CommentsFigures): string {
  const lines = [
    '',
    'Guest comments through POST /comments (as the form\'s script sends them: Accept: application/json, answered 201), every check on:',
    'fields, post open, reply target, honeypot, minimum fill time (3 s, met by a stamp read from the form), bans, site and per-IP',
    'limits (raised to count, not refuse), flood (15 s per address and e-mail), duplicates, spam score, 50 moderation and 50',
    'disallowed words; each comment from a new commenter (e-mail, X-Forwarded-For with QUIRE_TRUST_PROXY=loopback), so each is',
    `held ("previously approved"); moderation mail is queued and sent by the server's job runner. Pages rendered fresh (QUIRE_PAGE_CACHE=off).`,
    `"req/s" of the comment rows is comments/s. Then the post page alone, and while comments arrive at ${int(f.ratePerSec)}/s ` +
      '(paced by a second run of the generator): its req/s ÷ idle, round by round.',
    loadTable(groups(f)),
  ];
  for (const row of f.rows) {
    const m = row.meanwhile;
    const drain = row.drainS.map((d) => d.toFixed(1)).join(', ');
    lines.push(
      `${row.database}: after each run of comments alone, the server took ${drain} s more to run the jobs they queued (moderation ` +
        `mail; it looks for them every 5 s unless woken). Its CPU per comment, the mail included: ${int(row.cpuPerCommentUs)} µs, ` +
        `so one core keeps up with at most ${int(1e6 / row.cpuPerCommentUs)} comments/s.`,
    );
    lines.push(
      `${row.database}: comments answered meanwhile ${int(m.reqPerSec)}/s (paced at ${int(f.ratePerSec)}/s; p50 ${m.p50Ms.toFixed(1)} ms, ` +
        `p99 ${m.p99Ms.toFixed(1)} ms). Stored by the section: ${describeStored(row.stored)}.`,
    );
    if (m.reqPerSec < 0.95 * f.ratePerSec) {
      lines.push(
        `${row.database}: it could not keep up with ${int(f.ratePerSec)} comments/s beside the page: the comments (and their mail) took ` +
          'the core, and the post page got what was left.',
      );
    }
    if (row.comments.databaseCores !== undefined) {
      lines.push(`${row.database}'s own processes (not in "CPU srv") used ${row.comments.databaseCores.toFixed(2)} cores during the comment runs.`);
    }
  }
  const sqlite = f.rows.find((row) => row.database === 'SQLite');
  if (sqlite) {
    const ratio = ratioOf(sqlite.pageBusy, sqlite.pageIdle);
    lines.push(
      `Comments, SQLite (target ≥ ${int(TARGETS.commentsPerSec)}/s): ${int(sqlite.comments.reqPerSec)}/s — ${verdict(sqlite.comments.reqPerSec >= TARGETS.commentsPerSec)}; ` +
        `post page while ${int(f.ratePerSec)} comments/s arrive ÷ idle (target ≥ ${TARGETS.pageWhileCommentingOfIdle.toFixed(2)}): ` +
        `${ratio.toFixed(2)} — ${verdict(ratio >= TARGETS.pageWhileCommentingOfIdle)}.`,
    );
  }
  lines.push(
    'In the "meanwhile" rows, CPU srv is all the server did (pages, comments and their mail), and µs/req divides it by the pages alone.',
    ...f.notes,
  );
  return lines.join('\n');
}

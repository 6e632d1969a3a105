// `quire import wordpress FILE.xml`: a WordPress export into this site, with progress on stderr and a summary.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { type ImportProgress, type ImportReport, importKinds } from '../features/wxr/index.js';
import { withApp } from './with-app.js';

interface ImportOptions {
  readonly dryRun?: boolean;
  readonly defaultAuthor?: string;
}

/** Plain lines when stderr is not a terminal (a log, CI): one every few seconds. */
const PLAIN_EVERY_MS = 5_000;

type ProgressReporter = { update(progress: ImportProgress): void; stop(): void };

function progressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const started = Date.now();
  const rate = (items: number) => Math.round(items / Math.max(0.001, (Date.now() - started) / 1000));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: 'Importing [{bar}] {percentage}% | {items} items | {rate} items/s | ETA {eta_formatted}',
      hideCursor: true,
    }, cliProgress.Presets.shades_classic);
    let begun = false;
    return {
      update(p) {
        if (!begun) bar.start(Math.max(1, p.totalBytes), 0, { items: 0, rate: 0 });
        begun = true;
        bar.update(p.bytesRead, { items: p.items, rate: rate(p.items) });
      },
      stop: () => begun && bar.stop(),
    };
  }
  let last = started;
  return {
    update(p) {
      if (Date.now() - last < PLAIN_EVERY_MS) return;
      last = Date.now();
      const percent = Math.floor((100 * p.bytesRead) / Math.max(1, p.totalBytes));
      stream.write(`Importing: ${percent}% of the file, ${p.items} items, ${rate(p.items)} items/s\n`);
    },
    stop: () => {},
  };
}

export function formatImportReport(file: string, report: ImportReport): string {
  const lines = [`WordPress import of ${file}${report.dryRun ? ' (dry run: nothing was written)' : ''}:`];
  for (const kind of importKinds) {
    const c = report.counts[kind];
    lines.push(`  ${`${kind}:`.padEnd(10)} ${c.imported} imported, ${c.existing} already there, ${c.skipped} skipped`);
  }
  if (report.notes.length > 0) lines.push('Skipped or changed:', ...report.notes.map((note) => `  ${note}`));
  if (report.moreNotes > 0) lines.push(`  … and ${report.moreNotes} more`);
  return `${lines.join('\n')}\n`;
}

export function registerImportCommands(program: Command): void {
  const importing = program.command('import').description('Bring content in from another platform.');
  importing
    .command('wordpress')
    .description('Import a WordPress export (WXR 1.0–1.2: Tools → Export → All content). Running it again adds nothing already imported.')
    .argument('<file>', 'the .xml file WordPress exported')
    .option('--dry-run', 'read and check everything, then write nothing; the summary says what an import would do')
    .option('--default-author <login>', 'the account that gets items whose author the file does not list')
    .action(async (file: string, options: ImportOptions) => {
      const progress = progressReporter(process.stderr);
      const report = await withApp((app) =>
        app.services.wxr.importFile(file, { dryRun: options.dryRun, defaultAuthor: options.defaultAuthor, onProgress: progress.update }),
      ).finally(() => progress.stop());
      process.stdout.write(formatImportReport(file, report));
    });
}

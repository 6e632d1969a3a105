// `quire export wordpress > site.xml`: the site as a WordPress export (WXR 1.2) on stdout, the summary on stderr.
import type { Command } from 'commander';
import { withApp } from './with-app.js';

export function registerExportCommands(program: Command): void {
  const exporting = program.command('export').description('Write the site out for another platform.');
  exporting
    .command('wordpress')
    .description('Write the whole site (authors, categories, tags, posts, pages, comments, media) as WXR 1.2 to stdout.')
    .action(async () => {
      const summary = await withApp((app) => app.services.wxr.exportTo(process.stdout));
      process.stderr.write(
        `Exported ${summary.posts} posts and pages, ${summary.comments} comments, ${summary.media} media items, ` +
          `${summary.terms} categories and tags, ${summary.authors} authors.\n`,
      );
    });
}

// `quire seed demo`: add the demo site's content (anything already there is left alone).
import type { Command } from 'commander';
import { demoSite, seedDemoSite } from '../features/demo/index.js';
import { withApp } from './with-app.js';

export function registerSeedCommands(program: Command): void {
  const seed = program.command('seed').description('Fill the site with sample content.');
  seed
    .command('demo')
    .description('Seed the demo site. Running it again adds nothing that is already there.')
    .action(async () => {
      const report = await withApp((app) => seedDemoSite(app.services, demoSite));
      console.log(
        `Demo seeded: ${report.users} authors, ${report.categories} categories, ${report.posts} posts, ${report.pages} pages, ${report.comments} comments added.`,
      );
    });
}

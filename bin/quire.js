#!/usr/bin/env node
// Entry point of the `quire` command (npx quire …). The TypeScript is compiled to dist/ by `npm ci` (prepare).
import { runCli } from '../dist/src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));

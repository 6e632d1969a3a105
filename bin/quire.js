#!/usr/bin/env node
// Entry point of the `quire` command (npx quire …). The TypeScript is compiled to dist/ by `npm ci` (prepare).
import { tuneHeapFor } from '../dist/src/cli/heap.js';

tuneHeapFor(process.argv.slice(2));
// Loaded after the heap is tuned: the whole app's modules load here, with their first full collections.
const { runCli } = await import('../dist/src/cli/main.js');
process.exitCode = await runCli(process.argv.slice(2));

// The `quire` command line run from source, for tests (bin/quire.js runs the compiled copy in dist/).
import { runCli } from '../../src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));

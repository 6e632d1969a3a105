// `quire import` runs with a smaller heap growth; every other command keeps V8's default.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BATCH_HEAP_GROWING_PERCENT, heapFlagsFor } from './heap.js';

describe('heapFlagsFor', () => {
  it('gives imports the smaller heap growth', () => {
    expect(heapFlagsFor(['import', 'wordpress', 'export.xml'])).toEqual([`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`]);
  });

  it.each([[['serve']], [['export', 'wordpress']], [['db', 'migrate']], [[]], [['wordpress', 'import']]])('leaves %j on V8’s defaults', (argv) => {
    expect(heapFlagsFor(argv)).toEqual([]);
  });

  // v8.setFlagsFromString ignores a flag V8 does not know; node's command line refuses one: a rename shows here.
  it('names flags this Node’s V8 knows', () => {
    const run = spawnSync(process.execPath, [...heapFlagsFor(['import']), '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

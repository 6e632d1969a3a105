// The V8 heap's growth between full collections, set per command before the rest of the CLI loads.
import v8 from 'node:v8';

/** Old generation growth after a full collection for `quire import`: 1.5 × what survived it. */
export const BATCH_HEAP_GROWING_PERCENT = 50;

/**
 * V8 lets the old generation grow to up to 4 × what survived the last full collection before it collects again.
 * An import streams a file through rows that are written and dropped: almost nothing survives, so that headroom
 * is all garbage, and the peak resident memory became ~4 × the app's own heap (227 MB on a 100 MB file). With a
 * 1.5 × growth the full collections come more often (tens of ms each, on a ~33 MB live heap) and the peak stays
 * flat. `quire serve` keeps V8's default: its throughput, not its peak, is what matters there.
 */
export function heapFlagsFor(argv: readonly string[]): string[] {
  return argv[0] === 'import' ? [`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`] : [];
}

/**
 * Applies heapFlagsFor(argv). This flag is read at each full collection, so setting it at run time works; it must
 * still run before the app's modules load, as their start-up collection already sets the first limit.
 */
export function tuneHeapFor(argv: readonly string[]): void {
  for (const flag of heapFlagsFor(argv)) v8.setFlagsFromString(flag);
}

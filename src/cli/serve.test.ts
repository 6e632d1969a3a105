// `quire serve --workers`: what counts as a number of workers.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { MAX_WORKERS, parseWorkers } from './serve.js';

describe('parseWorkers', () => {
  it('takes a whole number from 1 up to the limit', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers(String(MAX_WORKERS))).toBe(MAX_WORKERS);
  });

  it("takes 'auto' as one worker per CPU the process may use, within the limit", () => {
    expect(parseWorkers('auto', () => 6)).toBe(6);
    expect(parseWorkers('auto', () => 512)).toBe(MAX_WORKERS);
  });

  it.each(['0', '-1', '1.5', '2x', '', ' 2', 'AUTO', String(MAX_WORKERS + 1), '1e1'])('refuses %j, saying what to give', (value) => {
    expect(() => parseWorkers(value)).toThrow(InvalidArgumentError);
    expect(() => parseWorkers(value)).toThrow(`Give a whole number from 1 to ${MAX_WORKERS}, or auto (one per CPU).`);
  });
});

// QUIRE_TRUST_PROXY: whose forwarded headers decide the client address (what rate limits count).
import { describe, expect, it } from 'vitest';
import { problemsOf } from '../../test/support/config.js';
import { loadConfig } from './load.js';


describe('QUIRE_TRUST_PROXY', () => {
  it('is off by default: forwarded headers are ignored', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ QUIRE_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ QUIRE_TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('takes a number of proxy hops', () => {
    expect(loadConfig({ QUIRE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ QUIRE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('takes addresses, CIDRs and the named private ranges', () => {
    expect(loadConfig({ QUIRE_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,uniquelocal' }).trustProxy).toEqual([
      '127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'uniquelocal',
    ]);
    expect(loadConfig({ QUIRE_TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
  });

  it.each(['true', 'on', 'all', '11', '10.0.0.0/33', '10.0.0.1/8/2', 'nginx', '127.0.0.1,', 'fe80::/129'])(
    'refuses %j, saying what to write instead',
    (value) => {
      expect(problemsOf({ QUIRE_TRUST_PROXY: value })).toEqual([
        `QUIRE_TRUST_PROXY must be off, a number of proxy hops from 1 to 10, or a comma-separated list of proxy addresses and CIDRs like 127.0.0.1,10.0.0.0/8 (or loopback, linklocal, uniquelocal), not "${value}".`,
      ]);
    },
  );
});

// Which ban a commenter falls under: by e-mail or domain, IP address or range, IP hash, or account; only bans in force.
import { describe, expect, it } from 'vitest';
import { type Ban, type Commenter, findMatchingBan, isBanActive, parseIpRange } from './bans.js';

const NOW = '2027-03-01T12:00:00.000Z';

let nextId = 0;
function ban(kind: Ban['kind'], value: string, change: Partial<Ban> = {}): Ban {
  return {
    id: ++nextId, kind, value, reason: 'test', createdBy: 1, createdAt: '2027-01-01T00:00:00.000Z', expiresAt: null, liftedAt: null,
    liftedBy: null, ...change,
  };
}

const reader: Commenter = { email: 'ann@example.com', ip: '203.0.113.7', ipHash: 'HashOfAnnsAddress_0123456789abcdefABCDEF-xyz', userId: null };
const hits = (b: Ban, who: Partial<Commenter> = {}) => findMatchingBan([b], { ...reader, ...who }, NOW) !== undefined;

describe('findMatchingBan: e-mail', () => {
  it('matches the exact address only', () => {
    expect(hits(ban('email', 'ann@example.com'))).toBe(true);
    expect(hits(ban('email', 'ann@example.com'), { email: 'anne@example.com' })).toBe(false);
    expect(hits(ban('email', 'ann@example.com'), { email: 'xann@example.com' })).toBe(false);
  });

  it('matches every address of a domain banned as @domain, and no other domain', () => {
    const domain = ban('email', '@spam.example');
    expect(hits(domain, { email: 'anyone@spam.example' })).toBe(true);
    expect(hits(domain, { email: 'anyone@notspam.example' })).toBe(false);
    expect(hits(domain, { email: 'anyone@spam.example.org' })).toBe(false);
  });

  it('never matches a comment without an e-mail address', () => {
    expect(hits(ban('email', '@example.com'), { email: '' })).toBe(false);
  });
});

describe('findMatchingBan: IP addresses and ranges', () => {
  it('matches a single IPv4 address, not its neighbours', () => {
    expect(hits(ban('ip', '203.0.113.7'))).toBe(true);
    expect(hits(ban('ip', '203.0.113.7'), { ip: '203.0.113.8' })).toBe(false);
  });

  it('matches every address of an IPv4 range and none outside it', () => {
    const range = ban('ip', '203.0.113.0/24');
    expect(hits(range, { ip: '203.0.113.0' })).toBe(true);
    expect(hits(range, { ip: '203.0.113.255' })).toBe(true);
    expect(hits(range, { ip: '203.0.114.0' })).toBe(false);
    expect(hits(range, { ip: '203.0.112.255' })).toBe(false);
  });

  it('matches an IPv4 client that reaches a dual-stack server as ::ffff:a.b.c.d', () => {
    expect(hits(ban('ip', '203.0.113.0/24'), { ip: '::ffff:203.0.113.9' })).toBe(true);
  });

  it('matches IPv6 ranges and single addresses, whatever their spelling', () => {
    const range = ban('ip', '2001:db8::/32');
    expect(hits(range, { ip: '2001:db8:ffff::1' })).toBe(true);
    expect(hits(range, { ip: '2001:db9::1' })).toBe(false);
    expect(hits(ban('ip', '2001:db8::1'), { ip: '2001:0db8:0000:0000:0000:0000:0000:0001' })).toBe(true);
    expect(hits(ban('ip', '2001:db8::1'), { ip: '2001:db8::2' })).toBe(false);
  });

  it('keeps the families apart, and never throws on an address it cannot read', () => {
    expect(hits(ban('ip', '0.0.0.0/0'), { ip: '2001:db8::1' })).toBe(false);
    expect(hits(ban('ip', '2000::/3'), { ip: '203.0.113.7' })).toBe(false);
    expect(hits(ban('ip', '0.0.0.0/0'), { ip: 'unknown' })).toBe(false);
    expect(hits(ban('ip', 'not an address'))).toBe(false);
  });
});

describe('findMatchingBan: IP hash and account', () => {
  it('matches the exact IP hash, case included', () => {
    expect(hits(ban('ip_hash', reader.ipHash))).toBe(true);
    expect(hits(ban('ip_hash', reader.ipHash.toLowerCase()))).toBe(false);
  });

  it('matches the account by id, never a guest', () => {
    expect(hits(ban('user', '42'), { userId: 42 })).toBe(true);
    expect(hits(ban('user', '42'), { userId: 4 })).toBe(false);
    expect(hits(ban('user', '42'), { userId: null })).toBe(false);
  });
});

describe('findMatchingBan: only bans in force', () => {
  it('ignores a ban that has expired, and keeps one that ends later', () => {
    expect(hits(ban('email', reader.email, { expiresAt: NOW }))).toBe(false);
    expect(hits(ban('email', reader.email, { expiresAt: '2027-03-01T11:59:59.999Z' }))).toBe(false);
    expect(hits(ban('email', reader.email, { expiresAt: '2027-03-01T12:00:00.001Z' }))).toBe(true);
    expect(isBanActive(ban('email', reader.email, { expiresAt: '2027-03-02T00:00:00.000Z' }), NOW)).toBe(true);
  });

  it('ignores a lifted ban, even one that has not expired', () => {
    const lifted = ban('email', reader.email, { liftedAt: '2027-02-01T00:00:00.000Z', liftedBy: 1, expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(hits(lifted)).toBe(false);
  });

  it('returns the first ban in force that matches', () => {
    const bans = [ban('email', 'other@example.com'), ban('ip', '203.0.113.0/24', { liftedAt: NOW }), ban('ip', '203.0.0.0/16'), ban('user', '7')];
    expect(findMatchingBan(bans, reader, NOW)).toBe(bans[2]);
    expect(findMatchingBan(bans, { ...reader, ip: '198.51.100.1' }, NOW)).toBeUndefined();
  });
});

describe('parseIpRange', () => {
  it.each([
    ['203.0.113.7', { address: '203.0.113.7', prefix: 32, family: 'ipv4' }],
    [' 203.0.113.0/24 ', { address: '203.0.113.0', prefix: 24, family: 'ipv4' }],
    ['0.0.0.0/0', { address: '0.0.0.0', prefix: 0, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
  ])('reads %j', (value, parsed) => {
    expect(parseIpRange(value)).toEqual(parsed);
  });

  it.each([
    '', 'abc', '203.0.113', '256.0.0.1', '203.0.113.0/33', '203.0.113.0/-1', '203.0.113.0/', '203.0.113.0/24/8', '203.0.113.0/2.5',
    '203.0.113.0/1e1', '203.0.113.0/0x8', '203.0.113.0/ 24', '::1/129', '2001:db8::/', 'example.com', '203.0.113.0-203.0.113.9',
  ])('refuses %j', (value) => {
    expect(parseIpRange(value)).toBeUndefined();
  });
});

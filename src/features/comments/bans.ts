// Commenter bans: which ban a comment hits. Pure; the service loads the active bans.
import { BlockList, isIP } from 'node:net';
import type { BanKind } from '../../db/tables.js';

export type { BanKind } from '../../db/tables.js';

export interface Ban {
  readonly id: number;
  readonly kind: BanKind;
  readonly value: string;
  readonly reason: string;
  readonly createdBy: number | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly liftedAt: string | null;
  readonly liftedBy: number | null;
}

export interface Commenter {
  readonly email: string;
  readonly ip: string;
  readonly ipHash: string;
  readonly userId: number | null;
}

/** An IP address or a CIDR range ("203.0.113.0/24", "2001:db8::/32"); undefined when it is neither. */
export function parseIpRange(value: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = value.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function ipInRange(ip: string, range: string): boolean {
  const parsed = parseIpRange(range);
  const version = isIP(ip);
  if (!parsed || version === 0) return false;
  const list = new BlockList();
  list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  return list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

/** A ban on "@example.com" covers every address of that domain. */
function emailMatches(email: string, banned: string): boolean {
  if (!email) return false;
  return banned.startsWith('@') ? email.endsWith(banned) : email === banned;
}

export function isBanActive(ban: Ban, now: string): boolean {
  return ban.liftedAt === null && (ban.expiresAt === null || ban.expiresAt > now);
}

/** The first active ban this commenter falls under, or undefined. */
export function findMatchingBan(bans: readonly Ban[], who: Commenter, now: string): Ban | undefined {
  return bans.find((ban) => {
    if (!isBanActive(ban, now)) return false;
    switch (ban.kind) {
      case 'email': return emailMatches(who.email, ban.value);
      case 'ip': return ipInRange(who.ip, ban.value);
      case 'ip_hash': return who.ipHash === ban.value;
      case 'user': return who.userId !== null && String(who.userId) === ban.value;
    }
  });
}

// Which IP addresses a provider's picture may be fetched from: the public internet only, never this machine, our
// own networks or the cloud's metadata service (SSRF). Pure: addresses in, yes or no out.
import net from 'node:net';

/** Ranges no picture is fetched from (IANA special-purpose registries, RFC 6890 and successors). */
const V4_RANGES: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared address space)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (the cloud metadata service lives at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
];

const V6_RANGES: ReadonlyArray<readonly [string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::', 96], // IPv4-compatible (deprecated)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const blocked = new net.BlockList();
for (const [address, prefix] of V4_RANGES) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of V6_RANGES) blocked.addSubnet(address, prefix, 'ipv6');

/** 'fe80::1%eth0' → 'fe80::1': the zone names an interface, not part of the address. */
const withoutZone = (address: string): string => address.toLowerCase().split('%')[0] ?? '';

/** The 16 bytes of an IPv6 address (any spelling, dotted tail included). */
function ipv6Bytes(address: string): Uint8Array {
  const [head = '', tail = ''] = address.includes('::') ? address.split('::') : [address, ''];
  const groups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const front = groups(head);
  const back = groups(tail);
  const all = [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return Uint8Array.from(all.flatMap((group) => [group >> 8, group & 0xff]));
}

/**
 * The IPv4 address an IPv6 address carries, when it is a form that reaches it: IPv4-mapped (::ffff:a.b.c.d),
 * NAT64 (64:ff9b::/96) or 6to4 (2002:AABB:CCDD::/16). Such an address is judged by the IPv4 address inside.
 */
function embeddedIpv4(bytes: Uint8Array): string | undefined {
  const isZero = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0);
  const dotted = (at: number) => Array.from(bytes.subarray(at, at + 4)).join('.');
  if (isZero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return dotted(12);
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && isZero(4, 12)) return dotted(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return dotted(2);
  return undefined;
}

/** True for an address on the public internet; false for private, loopback, link-local, CGNAT, multicast and the like. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIpv4(ipv6Bytes(withoutZone(address)));
  if (inner !== undefined) return isPublicAddress(inner);
  return !blocked.check(withoutZone(address), 'ipv6');
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback: this machine. */
export function isLoopbackAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return address.startsWith('127.');
  if (family !== 6) return false;
  const bytes = ipv6Bytes(withoutZone(address));
  const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return bytes[12] === 127;
  return bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1;
}

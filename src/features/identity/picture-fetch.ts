// One hop of a provider picture's download, pinned to an address checked first: the host name is resolved once,
// every address it has must be public (unless the provider is a local test one), and the connection goes to that
// very address, so a DNS answer that changes between the check and the connection (rebinding) cannot move it.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { isLoopbackHost } from '../../kernel/loopback.js';
import { isLoopbackAddress, isPublicAddress } from './public-address.js';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** How pictures reach the network: name resolution and the request (tests put stand-ins here). */
export interface PictureNetwork {
  /** Every address the host name has. */
  resolve(hostname: string): Promise<readonly ResolvedAddress[]>;
  /** Starts a request; `options.lookup` pins the connection to the checked address. */
  request(url: URL, options: http.RequestOptions): http.ClientRequest;
}

export const systemNetwork: PictureNetwork = {
  async resolve(hostname) {
    const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  },
  request: (url, options) => (url.protocol === 'https:' ? https.request(url, options) : http.request(url, options)),
};

export interface PinOptions {
  /** The provider is a local test one (its endpoints on loopback): plain http to this machine, no address screen. */
  readonly fromLocalProvider: boolean;
}

/**
 * The one address `url` may be fetched from, or undefined when it may not be fetched at all: https only (plain http
 * only from a local provider, to this machine), no credentials in the URL, and for real providers every address
 * of the host public (a name that also points inward is refused whole).
 */
export async function pinPictureAddress(url: URL, options: PinOptions, network: Pick<PictureNetwork, 'resolve'>): Promise<ResolvedAddress | undefined> {
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') return undefined;
  // Plain http is for a local test provider's own pictures: named as this machine, and checked to resolve to it.
  if (url.protocol === 'http:' && !(options.fromLocalProvider && isLoopbackHost(url.hostname))) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = net.isIP(host);
  const addresses: readonly ResolvedAddress[] = literal === 4 || literal === 6 ? [{ address: host, family: literal }] : await network.resolve(host);
  const [first] = addresses;
  if (!first) return undefined;
  if (options.fromLocalProvider) return url.protocol === 'https:' || isLoopbackAddress(first.address) ? first : undefined;
  return addresses.every((a) => isPublicAddress(a.address)) ? first : undefined;
}

/** The lookup Node's connection uses: always the pinned address, whatever the name resolves to by now. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** GETs `url` from the pinned address (TLS still checks the certificate against the URL's host name). */
export function requestPinned(
  network: PictureNetwork, url: URL, pinned: ResolvedAddress, headers: Readonly<Record<string, string>>, signal: AbortSignal,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    // agent: false, so no pooled connection made for another address is reused.
    const request = network.request(url, { method: 'GET', headers, signal, agent: false, lookup: pinnedLookup(pinned) });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

// A software WebAuthn authenticator and client for HTTP tests (the stand-in for a browser and its authenticator;
// the browser test uses Chromium's virtual authenticator instead): an ES256 key, "none" attestation, and the JSON
// a browser's credential.toJSON() gives, so tests can answer the site's options, forge and replay at will.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// ---- Just enough CBOR (RFC 8949) for an attestation object and a COSE key -------------------------------------
type Cbor = number | string | Uint8Array | ReadonlyMap<Cbor, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

// ---- The authenticator ----------------------------------------------------------------------------------------
const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export interface CreationOptions {
  readonly challenge: string;
  readonly rp: { readonly id?: string; readonly name: string };
  readonly user: { readonly id: string; readonly name: string };
  readonly excludeCredentials?: readonly { readonly id: string }[];
}

export interface RequestOptions {
  readonly challenge: string;
  readonly rpId?: string;
}

export interface AnswerOptions {
  /** The origin the "browser" puts in clientDataJSON (a phishing page's, say). */
  readonly origin?: string;
  /** The rpID the authenticator hashes into its data. */
  readonly rpId?: string;
  /** Sign a different challenge than the one given. */
  readonly challenge?: string;
}

export class SoftwareAuthenticator {
  readonly credentialId = b64url(randomBytes(16));
  /** The signature counter the next assertion carries (then it goes up by one). 0 and left alone: never counts. */
  counter = 1;
  /** The user handle the site gave at registration (discoverable credential). */
  userHandle: string | undefined;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(private readonly siteOrigin: string) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  private coseKey(): Buffer {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return cbor(new Map<Cbor, Cbor>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(String(jwk.x), 'base64url')], [-3, Buffer.from(String(jwk.y), 'base64url')],
    ]));
  }

  private clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  private counterBytes(value: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    return b;
  }

  /** What navigator.credentials.create() then credential.toJSON() give for `options`. */
  create(options: CreationOptions, answer: AnswerOptions = {}): Record<string, unknown> {
    this.userHandle = options.user.id;
    const rpId = answer.rpId ?? options.rp.id ?? new URL(this.siteOrigin).hostname;
    const idBytes = Buffer.from(this.credentialId, 'base64url');
    const length = Buffer.from([idBytes.length >> 8, idBytes.length & 0xff]);
    const authData = Buffer.concat([
      sha256(rpId), Buffer.from([FLAG_UP | FLAG_UV | FLAG_AT]), this.counterBytes(0), Buffer.alloc(16), length, idBytes, this.coseKey(),
    ]);
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    const clientDataJSON = this.clientData('webauthn.create', answer.challenge ?? options.challenge, answer.origin ?? this.siteOrigin);
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ['internal'] },
    };
  }

  /** What navigator.credentials.get() then credential.toJSON() give for `options`. */
  get(options: RequestOptions, answer: AnswerOptions & { readonly userHandle?: string } = {}): Record<string, unknown> {
    const rpId = answer.rpId ?? options.rpId ?? new URL(this.siteOrigin).hostname;
    const count = this.counter;
    if (this.counter > 0) this.counter += 1;
    const authData = Buffer.concat([sha256(rpId), Buffer.from([FLAG_UP | FLAG_UV]), this.counterBytes(count)]);
    const clientDataJSON = this.clientData('webauthn.get', answer.challenge ?? options.challenge, answer.origin ?? this.siteOrigin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const userHandle = answer.userHandle ?? this.userHandle;
    return {
      id: this.credentialId,
      rawId: this.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle === undefined ? {} : { userHandle }),
      },
    };
  }
}

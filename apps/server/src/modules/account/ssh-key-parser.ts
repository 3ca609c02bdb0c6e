import { createHash, createPublicKey } from 'node:crypto';

/**
 * OpenSSH public keys (`authorized_keys` lines): `<type> <base64 blob> [comment]`. The blob is a sequence of
 * length-prefixed fields (uint32 big-endian + bytes). We accept ed25519, ECDSA on NIST P-256/384/521 and RSA of at
 * least 2048 bits, check the blob is well formed (and the key valid for node:crypto), and compute the SHA256
 * fingerprint exactly as `ssh-keygen -lf` prints it.
 */
export interface ParsedSshKey {
  type: string;
  bits: number;
  /** `SHA256:<base64 of sha256(blob), no padding>` */
  fingerprint: string;
  comment: string;
  /** Normalised `<type> <base64> [comment]` line. */
  publicKey: string;
}

export class SshKeyError extends Error {}

const ECDSA: Record<string, { curve: string; crv: string; bits: number; pointBytes: number }> = {
  'ecdsa-sha2-nistp256': { curve: 'nistp256', crv: 'P-256', bits: 256, pointBytes: 65 },
  'ecdsa-sha2-nistp384': { curve: 'nistp384', crv: 'P-384', bits: 384, pointBytes: 97 },
  'ecdsa-sha2-nistp521': { curve: 'nistp521', crv: 'P-521', bits: 521, pointBytes: 133 },
};
export const MIN_RSA_BITS = 2048;

class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}
  field(): Buffer {
    if (this.offset + 4 > this.buf.length) throw new SshKeyError('The key data is truncated.');
    const length = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    if (length > this.buf.length - this.offset) throw new SshKeyError('The key data is truncated.');
    const value = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
  string(): string {
    return this.field().toString('latin1');
  }
  done(): void {
    if (this.offset !== this.buf.length) throw new SshKeyError('The key data has unexpected trailing bytes.');
  }
}

/** mpint → unsigned big-endian bytes (drops the sign byte). */
const unsigned = (mpint: Buffer) => {
  let i = 0;
  while (i < mpint.length - 1 && mpint[i] === 0) i++;
  return mpint.subarray(i);
};

const bitLength = (bytes: Buffer) =>
  bytes.length === 0 ? 0 : (bytes.length - 1) * 8 + (32 - Math.clz32(bytes[0]!));

function assertUsable(jwk: Record<string, string>) {
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw new SshKeyError('The key is not a valid public key.');
  }
}

export function parseSshPublicKey(input: string): ParsedSshKey {
  const trimmed = input.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    throw new SshKeyError(
      'This is a PEM key; paste the OpenSSH public key (the .pub file), e.g. "ssh-ed25519 AAAA…".',
    );
  }
  if (!trimmed || /[\r\n]/.test(trimmed)) {
    throw new SshKeyError('Paste one public key (the contents of your .pub file).');
  }
  const line = trimmed.replace(/\s+/g, ' ');
  const [type = '', data = '', ...rest] = line.split(' ');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) {
    throw new SshKeyError('The key is not in OpenSSH format ("<type> <base64> [comment]").');
  }
  const blob = Buffer.from(data, 'base64');
  const reader = new Reader(blob);
  const inner = reader.string();
  if (inner !== type) throw new SshKeyError('The key type does not match its data.');
  let bits: number;
  if (type === 'ssh-ed25519') {
    const key = reader.field();
    if (key.length !== 32) throw new SshKeyError('An ed25519 key must be 32 bytes.');
    assertUsable({ kty: 'OKP', crv: 'Ed25519', x: key.toString('base64url') });
    bits = 256;
  } else if (ECDSA[type]) {
    const spec = ECDSA[type]!;
    if (reader.string() !== spec.curve) throw new SshKeyError('The ECDSA curve does not match the key type.');
    const point = reader.field();
    if (point.length !== spec.pointBytes || point[0] !== 0x04) {
      throw new SshKeyError('The ECDSA public point is malformed.');
    }
    const size = (spec.pointBytes - 1) / 2;
    assertUsable({
      kty: 'EC',
      crv: spec.crv,
      x: point.subarray(1, 1 + size).toString('base64url'),
      y: point.subarray(1 + size).toString('base64url'),
    });
    bits = spec.bits;
  } else if (type === 'ssh-rsa') {
    const e = unsigned(reader.field());
    const n = unsigned(reader.field());
    bits = bitLength(n);
    if (bits < MIN_RSA_BITS) {
      throw new SshKeyError(`RSA keys must have at least ${MIN_RSA_BITS} bits (this one has ${bits}).`);
    }
    assertUsable({ kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') });
  } else {
    throw new SshKeyError(
      'Unsupported key type: use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa (2048+ bits).',
    );
  }
  reader.done();
  const comment = rest.join(' ').slice(0, 200);
  return {
    type,
    bits,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    comment,
    publicKey: [type, data, comment].filter(Boolean).join(' '),
  };
}

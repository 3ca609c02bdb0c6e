import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** OpenSSH `authorized_keys` lines for keys made with node:crypto (tests need fresh keys, not fixtures). */
function field(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

const mpint = (b64url: string) => {
  const bytes = Buffer.from(b64url, 'base64url');
  return bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
};

export function toOpenSsh(key: KeyObject, comment = 'test@example'): string {
  const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
  let type: string;
  let blob: Buffer;
  if (jwk.kty === 'OKP') {
    type = 'ssh-ed25519';
    blob = Buffer.concat([field(type), field(Buffer.from(jwk.x!, 'base64url'))]);
  } else if (jwk.kty === 'EC') {
    const curve = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' }[jwk.crv!]!;
    type = `ecdsa-sha2-${curve}`;
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x!, 'base64url'),
      Buffer.from(jwk.y!, 'base64url'),
    ]);
    blob = Buffer.concat([field(type), field(curve), field(point)]);
  } else {
    type = 'ssh-rsa';
    blob = Buffer.concat([field(type), field(mpint(jwk.e!)), field(mpint(jwk.n!))]);
  }
  return `${type} ${blob.toString('base64')} ${comment}`;
}

export const newKey = {
  ed25519: () => toOpenSsh(generateKeyPairSync('ed25519').publicKey),
  ecdsa: (namedCurve: 'P-256' | 'P-384' | 'P-521' = 'P-256') =>
    toOpenSsh(generateKeyPairSync('ec', { namedCurve }).publicKey),
  rsa: (modulusLength: number) => toOpenSsh(generateKeyPairSync('rsa', { modulusLength }).publicKey),
};

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How every bearer secret is kept at rest: SHA-256 (hex). The tokens are 32+ random characters, so no salt or KDF. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

const REFERENCE = /^ref_([0-9a-f]{64})_([0-9a-f]{64})$/;

/**
 * Session (refresh) tokens are stored as SHA-256 hashes, so a database dump opens no session. A caller who signed in
 * with an access token never shows us the plaintext, yet the library needs "the session token" to act on their
 * behalf: for them we use a reference — the stored hash plus an HMAC under the server secret — which only this
 * process can mint, so the hash alone (from a dump) is not a token.
 */
export function createSessionTokenCodec(secret: string) {
  const mac = (hash: string) =>
    createHmac('sha256', `session-reference:${secret}`).update(hash).digest('hex');
  return {
    /** The stored form of a presented token or of a reference made by `reference()`. */
    stored(tokenOrReference: string): string {
      const match = REFERENCE.exec(tokenOrReference);
      if (match && timingSafeEqual(Buffer.from(match[2]!), Buffer.from(mac(match[1]!)))) return match[1]!;
      return sha256Hex(tokenOrReference);
    },
    /** A server-side handle on the session whose token hash is `storedHash`. */
    reference(storedHash: string): string {
      return `ref_${storedHash}_${mac(storedHash)}`;
    },
  };
}

export type SessionTokenCodec = ReturnType<typeof createSessionTokenCodec>;

/**
 * The stored form of a one-time token's identifier in `verifications` (password reset, two-factor challenges):
 * the purpose prefix stays readable (`reset-password:`) so an account's links can be revoked together; the secret
 * part is hashed.
 */
export function hashVerificationIdentifier(identifier: string): string {
  const match = /^([a-z0-9-]+:)(.+)$/i.exec(identifier);
  return match ? `${match[1]}${sha256Hex(match[2]!)}` : sha256Hex(identifier);
}

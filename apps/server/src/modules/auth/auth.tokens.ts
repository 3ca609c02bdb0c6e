import { createHash } from 'node:crypto';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Clock } from '../../lib/clock.ts';
import type { AuthLibrary } from './auth.library.ts';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Verified tokens remembered per process (a client sends the same token for up to its whole lifetime). */
export const VERIFIED_TOKENS_MAX = 20_000;

/**
 * Short access tokens: signed by better-auth's jwt plugin (EdDSA key kept in `jwks`, private half encrypted with the
 * secret), verified here with jose against the library's public JWKS and the injectable clock. Only public keys are
 * cached per process, and an unknown key id reloads them, so instances never disagree. A valid token is not enough:
 * the guard also requires its session (`sid`) to still exist.
 */
export function createAccessTokens({
  auth,
  clock,
  issuer,
  ttlSeconds,
}: {
  auth: AuthLibrary;
  clock: Clock;
  issuer: string;
  ttlSeconds: number;
}) {
  let keySet: ReturnType<typeof createLocalJWKSet> | null = null;
  /**
   * Tokens whose signature already verified, by SHA-256 of the token, with their claims and expiry: an Ed25519
   * verification (through WebCrypto's job queue) was about a tenth of an authenticated request's CPU. A token is
   * immutable, so one that verified once verifies until it expires; expiry is still checked on every use, and the
   * guard still requires the session on every request (logout revokes at once). Oldest entries leave first.
   */
  const verified = new Map<string, { claims: AccessClaims; exp: number }>();

  async function loadKeys() {
    const jwks = (await auth.api.getJwks()) as JSONWebKeySet;
    keySet = createLocalJWKSet(jwks);
    return keySet;
  }

  async function verifyWith(token: string, keys: ReturnType<typeof createLocalJWKSet>) {
    return jwtVerify(token, keys, {
      issuer,
      audience: issuer,
      algorithms: ['EdDSA'],
      currentDate: clock.now(),
    });
  }

  return {
    ttlSeconds,

    async issue(claims: AccessClaims): Promise<{ accessToken: string; expiresIn: number }> {
      const iat = Math.floor(clock.now().getTime() / 1000);
      const { token } = await auth.api.signJWT({
        body: {
          payload: { sub: claims.sub, sid: claims.sid, role: claims.role, iat, exp: iat + ttlSeconds },
        },
      });
      return { accessToken: token, expiresIn: ttlSeconds };
    },

    async verify(token: string): Promise<VerifyResult> {
      const digest = createHash('sha256').update(token).digest('base64');
      const known = verified.get(digest);
      if (known) {
        // jose's own rule: expired once the current second reaches `exp`.
        if (Math.floor(clock.now().getTime() / 1000) < known.exp) return { ok: true, claims: known.claims };
        verified.delete(digest);
        return { ok: false, reason: 'expired' };
      }
      try {
        let result;
        try {
          result = await verifyWith(token, keySet ?? (await loadKeys()));
        } catch (error) {
          if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
          result = await verifyWith(token, await loadKeys());
        }
        const { sub, sid, role, exp } = result.payload as Partial<AccessClaims> & { exp?: number };
        if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string') {
          return { ok: false, reason: 'invalid' };
        }
        const claims = { sub, sid, role };
        // Only tokens that expire are remembered (ours always carry `exp`).
        if (typeof exp === 'number') {
          if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
          verified.set(digest, { claims, exp });
        }
        return { ok: true, claims };
      } catch (error) {
        return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;

import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Clock } from '../../lib/clock.ts';
import type { AuthLibrary } from './auth.library.ts';

export interface AccessClaims {
  sub: string;
  sid: string;
  role: string;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

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
      try {
        let result;
        try {
          result = await verifyWith(token, keySet ?? (await loadKeys()));
        } catch (error) {
          if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
          result = await verifyWith(token, await loadKeys());
        }
        const { sub, sid, role } = result.payload as Partial<AccessClaims>;
        if (typeof sub !== 'string' || typeof sid !== 'string' || typeof role !== 'string') {
          return { ok: false, reason: 'invalid' };
        }
        return { ok: true, claims: { sub, sid, role } };
      } catch (error) {
        return { ok: false, reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;

import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { verifyPassword as verifyLibraryHash } from 'better-auth/crypto';

/**
 * Password hashing at OWASP's scrypt baseline (#15-16). OWASP's Password Storage Cheat Sheet asks for N=2^17, r=8,
 * p=1 (128 MiB per hash) or one of its listed equivalents; we use N=2^14, r=8, p=5: the same work, 16 MiB per hash,
 * so a burst of logins on the 4 libuv threads needs 64 MiB, not 512 MiB. better-auth's own default (N=2^14, r=16,
 * p=1) does 2.5 times less work; hashes it made keep verifying and are replaced on the next successful login.
 *
 * Format (self-describing, so parameters can change again without breaking anyone):
 * `$scrypt$ln=14,r=8,p=5$<salt, base64>$<key, base64>`.
 */
export const SCRYPT_PARAMS = { ln: 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 64;
const SALT_BYTES = 16;
const PREFIX = '$scrypt$';

interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/**
 * The parameters new hashes get: always SCRYPT_PARAMS in the platform. Only a test process may lower them
 * (`useTestPasswordCost`, called by the test setup file, never by configuration): each test customer costs two
 * hashes, and at the production cost they took a large share of CI's time without testing anything more.
 */
let current: ScryptParams = SCRYPT_PARAMS;

/** scrypt's cheapest cost this module accepts (N=2^10, r=8, p=1): what test processes use. */
export const TEST_PASSWORD_COST: ScryptParams = { ln: 10, r: 8, p: 1 };

export function useTestPasswordCost(params: ScryptParams): void {
  if (process.env.NODE_ENV === 'production') throw new Error('The password cost is fixed in production');
  current = params;
}

/** What new hashes are made with (SCRYPT_PARAMS outside tests). */
export const currentScryptParams = (): ScryptParams => current;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r: params.r, p: params.p, maxmem: 256 * N * params.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `${PREFIX}ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Parses our format; undefined for anything else (e.g. a hash better-auth made before #15-16). */
function decode(hash: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(
    hash,
  );
  if (!match) return undefined;
  const [, ln, r, p, salt, key] = match;
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  // Bounds keep a tampered row from asking for gigabytes of memory or hours of CPU.
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16)
    return;
  return { params, salt: Buffer.from(salt!, 'base64'), key: Buffer.from(key!, 'base64') };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return encode(current, salt, await derive(password, salt, current));
}

export async function verifyPassword({
  hash,
  password,
}: {
  hash: string;
  password: string;
}): Promise<boolean> {
  const parsed = decode(hash);
  if (!parsed) {
    if (hash.startsWith(PREFIX) || !hash.includes(':')) return false;
    return verifyLibraryHash({ hash, password });
  }
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when a stored hash was made with other parameters (or by the library) and should be replaced. */
export function needsRehash(hash: string): boolean {
  const parsed = decode(hash);
  return (
    !parsed ||
    parsed.params.ln !== current.ln ||
    parsed.params.r !== current.r ||
    parsed.params.p !== current.p
  );
}

/**
 * The hasher handed to better-auth: verifying an outdated hash that matches stores a fresh one through `replace`
 * (compare-and-set on the old hash, so a concurrent password change is never overwritten). A failed upgrade leaves
 * the old, still valid hash in place and is only reported.
 */
export function createPasswordHasher(deps: {
  replace(oldHash: string, newHash: string): Promise<void>;
  onUpgradeError(error: unknown): void;
}) {
  return {
    hash: hashPassword,
    async verify({ hash, password }: { hash: string; password: string }): Promise<boolean> {
      const valid = await verifyPassword({ hash, password });
      if (valid && needsRehash(hash)) {
        try {
          await deps.replace(hash, await hashPassword(password));
        } catch (error) {
          deps.onUpgradeError(error);
        }
      }
      return valid;
    },
  };
}

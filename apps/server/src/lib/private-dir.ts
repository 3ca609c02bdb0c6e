import { chmodSync, mkdirSync, statSync } from 'node:fs';

/**
 * Creates `dir` (and its parents) readable by the server's user only (0700), and tightens an existing one that other
 * users could read or enter (#15-16): DATA_DIR holds the embedded database, generated secrets and uploaded files.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

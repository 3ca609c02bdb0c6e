import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomHex } from './lib/crypto.ts';
import { ensurePrivateDir } from './lib/private-dir.ts';
import type { Config } from './config.ts';

export interface ResolvedSecrets {
  encryptionKey: string;
  jwtSecret: string;
  generated: string[];
}

/**
 * In embedded mode a missing ENCRYPTION_KEY or JWT_SECRET is generated once into DATA_DIR/secrets.json (mode 0600) and
 * reused on every start; `loadConfig` already refused to start without them when DATABASE_URL is set.
 */
export function resolveSecrets(config: Config): ResolvedSecrets {
  if (config.ENCRYPTION_KEY && config.JWT_SECRET) {
    return { encryptionKey: config.ENCRYPTION_KEY, jwtSecret: config.JWT_SECRET, generated: [] };
  }
  const file = join(config.DATA_DIR, 'secrets.json');
  ensurePrivateDir(config.DATA_DIR);
  const stored: Partial<Record<'encryptionKey' | 'jwtSecret', string>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  const generated: string[] = [];
  if (!config.ENCRYPTION_KEY && !stored.encryptionKey) {
    stored.encryptionKey = randomHex(32);
    generated.push('ENCRYPTION_KEY');
  }
  if (!config.JWT_SECRET && !stored.jwtSecret) {
    stored.jwtSecret = randomHex(32);
    generated.push('JWT_SECRET');
  }
  if (generated.length) {
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    encryptionKey: config.ENCRYPTION_KEY ?? stored.encryptionKey!,
    jwtSecret: config.JWT_SECRET ?? stored.jwtSecret!,
    generated,
  };
}

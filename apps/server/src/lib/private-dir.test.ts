import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir } from './private-dir.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});
const modeOf = (dir: string) => statSync(dir).mode & 0o777;

describe('ensurePrivateDir (DATA_DIR)', () => {
  it('creates the directory with mode 0700', () => {
    const root = mkdtempSync(join(tmpdir(), 'cv-private-'));
    roots.push(root);
    const dir = join(root, 'data', 'nested');
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens an existing world-readable directory to 0700', () => {
    const root = mkdtempSync(join(tmpdir(), 'cv-private-'));
    roots.push(root);
    chmodSync(root, 0o755);
    ensurePrivateDir(root);
    expect(modeOf(root)).toBe(0o700);
  });
});

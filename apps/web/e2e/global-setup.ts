// Runs once before the browser tests: builds (or finds under .tmp/) a migrated embedded database that each spawned
// server starts from instead of running initdb and every migration itself (see apps/server/test/pglite-template-dir.ts).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR-shaped folder whose `pglite/` a spawned server may start from; empty against E2E_BASE_URL. */
    pgliteTemplateDir: string;
  }
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export default function setup(project: TestProject): void {
  if (process.env.E2E_BASE_URL) return project.provide('pgliteTemplateDir', '');
  const dir = execFileSync(process.execPath, ['--import', 'tsx', 'apps/server/test/pglite-template-dir.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  project.provide('pgliteTemplateDir', dir);
}

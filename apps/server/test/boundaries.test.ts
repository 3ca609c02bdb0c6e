import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The import-boundary lint (`.dependency-cruiser.cjs`, run by `npm run lint`) must fail on a deliberate violation:
// the fixture tree under test/fixtures/boundaries mirrors apps/server/src with one breach per rule and one allowed
// import, and is cruised with the very configuration the lint uses.
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const fixture = join(here, 'fixtures', 'boundaries');

/** Runs the lint's own command line; returns its exit status and the violations it printed (`rule: from -> to`). */
function cruise(cwd: string, target: string) {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'depcruise'),
    ['--config', join(root, '.dependency-cruiser.cjs'), target],
    { cwd, encoding: 'utf8' },
  );
  const violations = [...result.stdout.matchAll(/^\s*error (\S+): (\S+) →\s+(\S+)/gm)].map(
    ([, rule, from, to]) => `${rule}: ${from} -> ${to}`,
  );
  return { status: result.status, violations, output: result.stdout + result.stderr };
}

describe('import-boundary lint', () => {
  it('fails on a foundation importing a module, a non-public cross-module import, a cycle and wiring outside the container', () => {
    const { status, violations, output } = cruise(fixture, 'apps/server/src');
    expect(violations.sort(), output).toEqual([
      'foundations-never-import-modules: apps/server/src/lib/uses-a-module.ts -> apps/server/src/modules/shop/shop.service.ts',
      'modules-through-their-public-files: apps/server/src/modules/cart/cart.service.ts -> apps/server/src/modules/shop/shop.routes.ts',
      'no-cycles: apps/server/src/modules/cart/cart.a.ts -> apps/server/src/modules/cart/cart.b.ts',
      'wiring-only-from-the-container: apps/server/src/app.ts -> apps/server/src/wiring/shop.ts',
    ]);
    expect(status).toBe(4);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/** `npm X` / `npm run X` commands found in a text, as script names. */
function npmScripts(text: string): string[] {
  const names = [...text.matchAll(/npm(?:",\s*"|\s+)(?:run(?:",\s*"|\s+))?([a-z][\w:-]*)/g)].map(
    (m) => m[1]!,
  );
  return names.filter((n) => !['ci', 'install', 'prune', 'run'].includes(n));
}

describe('deployment files', () => {
  it('docker-compose.yml parses and runs the app with postgres:16 and redis:7', () => {
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<
        string,
        { image?: string; build?: string; command?: string[]; environment?: Record<string, string> }
      >;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres', 'redis']);
    expect(compose.services.postgres!.image).toBe('postgres:16');
    expect(compose.services.redis!.image).toBe('redis:7');
    expect(compose.services.app!.build).toBe('.');
    expect(compose.services.app!.environment!.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    const command = compose.services.app!.command!.join(' ');
    for (const script of npmScripts(command)) expect(rootPackage.scripts, script).toHaveProperty(script);
  });

  it('the Dockerfile and README only name npm scripts that exist', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const named = [...npmScripts(dockerfile), ...npmScripts(readme)];
    expect(named).toEqual(expect.arrayContaining(['start', 'build', 'test']));
    for (const script of named) expect(rootPackage.scripts, `npm script "${script}"`).toHaveProperty(script);
  });

  it('.env.example documents every variable the config reads', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const configSource = readFileSync(join(root, 'apps/server/src/config.ts'), 'utf8');
    const declared = [...configSource.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(declared.length).toBeGreaterThan(20);
    for (const name of declared) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

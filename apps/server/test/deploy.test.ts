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
  it('docker-compose.yml: nginx before two API replicas and one worker, PostgreSQL and Redis with volumes and health checks; every service, script and variable it names exists', () => {
    type Service = {
      image?: string;
      build?: string;
      command?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      volumes?: string[];
      healthcheck?: { test: string[] };
    };
    const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, Service>;
      volumes: Record<string, unknown>;
    };
    const services = compose.services;
    expect(Object.keys(services).sort()).toEqual(['api1', 'api2', 'nginx', 'postgres', 'redis', 'worker']);
    expect(services.postgres!.image).toBe('postgres:16');
    expect(services.redis!.image).toBe('redis:7');
    for (const name of ['postgres', 'redis', 'api1', 'api2', 'worker']) {
      expect(services[name]!.healthcheck?.test.length, `${name} health check`).toBeGreaterThan(0);
    }
    expect(services.api1!.healthcheck!.test.join(' ')).toContain('/readyz');
    for (const name of ['postgres', 'redis']) {
      const named = services[name]!.volumes!.map((v) => v.split(':')[0]!);
      for (const volume of named) expect(compose.volumes, `${name} volume`).toHaveProperty(volume);
    }
    expect(services.api1!.environment!.ROLE).toBe('api');
    expect(services.api2!.environment!.ROLE).toBe('api');
    expect(services.worker!.environment!.ROLE).toBe('worker');
    // PostgreSQL must admit every app process's full pool at once, with room left for an operator's psql.
    const appServices = Object.values(services).filter((service) => service.build);
    const pools = appServices.reduce(
      (sum, service) => sum + Number(service.environment!.DATABASE_POOL_MAX),
      0,
    );
    const maxConnections = Number(services.postgres!.command!.join(' ').match(/max_connections=(\d+)/)?.[1]);
    expect(appServices).toHaveLength(3);
    expect(pools).toBeGreaterThanOrEqual(3 * 40);
    expect(maxConnections).toBeGreaterThanOrEqual(pools + 10);

    const configSource = readFileSync(join(root, 'apps/server/src/config.ts'), 'utf8');
    const declared = new Set([...configSource.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!));
    for (const [name, service] of Object.entries(services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
      }
      if (service.build) {
        expect(service.build).toBe('.');
        expect(service.environment!.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
        expect(service.environment!.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
        expect(service.environment!.TRUST_PROXY).toBe('true');
        for (const variable of Object.keys(service.environment!)) {
          expect(declared.has(variable), `${name}: ${variable} is read by config.ts`).toBe(true);
        }
        for (const script of npmScripts(service.command!.join(' '))) {
          expect(rootPackage.scripts, script).toHaveProperty(script);
        }
      }
    }
    // nginx gets deploy/nginx.conf, whose upstream servers are the API replicas.
    const mounts = services.nginx!.volumes!.map((v) => v.split(':'));
    const conf = mounts.find(([, target]) => target === '/etc/nginx/nginx.conf');
    expect(conf?.[0]).toBe('./deploy/nginx.conf');
    const nginxConf = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
    const upstreams = [...nginxConf.matchAll(/^\s*server ([\w.-]+):(\d+)/gm)].map((m) => m[1]!);
    expect(upstreams.sort()).toEqual(['api1', 'api2']);
  });

  it('deploy/nginx.conf: TLS 1.2+/1.3 with HSTS and certbot paths, HTTP/2, compression, immutable assets, SSE unbuffered, one X-Forwarded-For hop', () => {
    const conf = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
    expect(conf).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(conf).toMatch(/ssl_certificate \/etc\/letsencrypt\/live\/[^/]+\/fullchain\.pem;/);
    expect(conf).toMatch(/add_header Strict-Transport-Security "max-age=\d+/);
    expect(conf).toMatch(/listen 443 ssl http2;/);
    expect(conf).toMatch(/gzip on;/);
    expect(conf).toMatch(/location \/assets\/ \{[^}]*immutable/);
    expect(conf).toMatch(/events\$ \{[^}]*proxy_buffering off;[^}]*proxy_read_timeout 24h;/);
    // Replaces (never appends to) the client's header: exactly one hop for TRUST_PROXY.
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(conf).not.toMatch(/proxy_add_x_forwarded_for/);
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

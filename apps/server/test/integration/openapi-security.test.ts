/**
 * #15-16: the OpenAPI document says which operations need a caller. Every operation is called anonymously (path
 * parameters filled with a well-formed id): one that answers 401 must declare `security`, and one that declares it
 * must answer 401.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Public operations that authenticate by a credential in the body, not by the caller's session. */
const BODY_CREDENTIAL = new Set(['POST /api/auth/refresh-token']);

const t = useTestApp({ seed: false, env: { RATE_LIMIT_DISABLED: 'true' } });

describe(`OpenAPI security declarations (${TEST_ENGINE})`, () => {
  it('every operation that refuses an anonymous caller declares security, and only those', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const missing: string[] = [];
    const needless: string[] = [];
    let guarded = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const name = `${method.toUpperCase()} ${path}`;
        const url = path.replace(/\{[^}]+\}/g, randomUUID());
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, payload: {} });
        const declares = Array.isArray(op.security) && op.security.length > 0;
        const refuses = res.statusCode === 401 && !BODY_CREDENTIAL.has(name);
        if (refuses) guarded++;
        if (refuses && !declares) missing.push(name);
        if (declares && res.statusCode !== 401) needless.push(`${name} → ${res.statusCode}`);
      }
    }
    expect(guarded).toBeGreaterThan(80);
    expect(missing, 'authenticated operations without security').toEqual([]);
    expect(needless, 'operations with security that a visitor may call').toEqual([]);
  });
});

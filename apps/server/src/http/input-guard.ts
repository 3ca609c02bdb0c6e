import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.ts';
import { hasNul } from '../lib/input.ts';

const MAX_DEPTH = 32;

/** The first path (e.g. `body.sshKeys.0.name`) whose key or string value holds a NUL byte, or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return hasNul(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const here = `${path}.${key}`;
    if (hasNul(key)) return here;
    const found = findNul(item, here, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL cannot store NUL in text, so a NUL anywhere in a request (path parameters, query, JSON body — keys
 * included) is refused as a validation error before any route runs. One hook covers every route, including the ones
 * added later; the shared schemas in `lib/input.ts` refuse NUL and control characters again where they are used.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field =
      findNul(request.params, 'params') ??
      findNul(request.query, 'querystring') ??
      findNul(request.body, 'body');
    if (field) {
      throw new AppError('validation_error', `Invalid request: ${field}`, [
        { field, message: 'must not contain NUL bytes' },
      ]);
    }
  });
}

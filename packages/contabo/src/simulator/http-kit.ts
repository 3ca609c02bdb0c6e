// Small building blocks for the simulated API: Contabo-shaped errors, NestJS-like body validation messages,
// pagination envelopes and a template router keyed by the spec's operationIds.
import type { SimState } from './state.ts';

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { statusCode: number; message: string | string[] },
  ) {
    super(Array.isArray(body.message) ? body.message.join('; ') : body.message);
  }
}

/** `{statusCode, message}` like Contabo (NestJS); validation errors carry an array of messages. */
export const httpError = (status: number, message: string | string[]) =>
  new SimHttpError(status, { statusCode: status, message });

export interface FieldRule {
  type: 'string' | 'int' | 'intArray' | 'object' | 'boolean' | 'stringArray';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  oneOf?: ReadonlyArray<string | number>;
  pattern?: RegExp;
  patternMessage?: string;
  min?: number;
}

/** Returns class-validator style messages ("name must be shorter than or equal to 30 characters"). */
export function validateBody(body: unknown, rules: Record<string, FieldRule>, bodyRequired = true): string[] {
  if (body === undefined || body === null) return bodyRequired ? ['request body must be a JSON object'] : [];
  if (typeof body !== 'object' || Array.isArray(body)) return ['request body must be a JSON object'];
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(b)) if (!(key in rules)) out.push(`property ${key} should not exist`);
  for (const [key, r] of Object.entries(rules)) {
    const v = b[key];
    if (v === undefined || v === null) {
      if (r.required) out.push(`${key} should not be empty`);
      continue;
    }
    if (r.type === 'string') {
      if (typeof v !== 'string') {
        out.push(`${key} must be a string`);
        continue;
      }
      if (r.minLength !== undefined && v.length < r.minLength)
        out.push(`${key} must be longer than or equal to ${r.minLength} characters`);
      if (r.maxLength !== undefined && v.length > r.maxLength)
        out.push(`${key} must be shorter than or equal to ${r.maxLength} characters`);
      if (r.pattern && !r.pattern.test(v)) out.push(r.patternMessage ?? `${key} has an invalid format`);
    } else if (r.type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v)) out.push(`${key} must be an integer number`);
      else if (r.min !== undefined && v < r.min) out.push(`${key} must not be less than ${r.min}`);
    } else if (r.type === 'intArray') {
      if (!Array.isArray(v)) out.push(`${key} must be an array`);
      else if (v.some((x) => typeof x !== 'number' || !Number.isInteger(x)))
        out.push(`each value in ${key} must be an integer number`);
    } else if (r.type === 'stringArray') {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
        out.push(`each value in ${key} must be a string`);
    } else if (r.type === 'object') {
      if (typeof v !== 'object' || Array.isArray(v)) out.push(`${key} must be an object`);
    } else if (r.type === 'boolean' && typeof v !== 'boolean') out.push(`${key} must be a boolean value`);
    if (r.oneOf && !r.oneOf.includes(v as string | number))
      out.push(`${key} must be one of the following values: ${r.oneOf.join(', ')}`);
  }
  return out;
}

export function assertValid(messages: string[]): void {
  if (messages.length > 0) throw httpError(400, messages);
}

export function intParam(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw httpError(400, `Validation failed (numeric string is expected): ${name}`);
  }
  return Number(value);
}

export type Query = Record<string, string | string[] | undefined>;

export const q = (query: Query, key: string): string | undefined => {
  const v = query[key];
  return Array.isArray(v) ? v[0] : v;
};

/** `{data, _links, _pagination}` with page (1-based) and size from the query (default size 10). */
export function paginate<T>(items: T[], query: Query, path: string, present: (t: T) => unknown) {
  const size = Math.max(1, Number(q(query, 'size') ?? 10) || 10);
  const page = Math.max(1, Number(q(query, 'page') ?? 1) || 1);
  const totalPages = Math.ceil(items.length / size);
  const link = (p: number) => `${path}?page=${p}&size=${size}`;
  const links: Record<string, string> = {
    self: link(page),
    first: link(1),
    last: link(Math.max(1, totalPages)),
  };
  if (page > 1) links.previous = link(page - 1);
  if (page < totalPages) links.next = link(page + 1);
  return {
    _pagination: { size, totalElements: items.length, totalPages, page },
    data: items.slice((page - 1) * size, page * size).map(present),
    _links: links,
  };
}

export const single = (item: unknown, self: string) => ({ data: [item], _links: { self } });

export interface SimRequest {
  params: Record<string, string>;
  query: Query;
  body: unknown;
  path: string;
  requestId: string;
  traceId: string | null;
  state: SimState;
}
export interface SimResponse {
  status: number;
  body?: unknown;
}
export interface SimRoute {
  method: string;
  template: string;
  operationId: string;
  handler: (req: SimRequest) => SimResponse;
}

interface CompiledRoute extends SimRoute {
  regex: RegExp;
  names: string[];
}

export function createRouter(routes: SimRoute[]) {
  const compiled: CompiledRoute[] = routes
    .map((r) => {
      const names: string[] = [];
      const src = r.template.replace(/\{(\w+)\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      });
      return { ...r, regex: new RegExp(`^${src}$`), names };
    })
    // Literal segments win over parameters (/instances/audits before /instances/{instanceId}).
    .sort((a, b) => a.names.length - b.names.length);
  return {
    match(method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | null {
      for (const route of compiled) {
        if (route.method !== method) continue;
        const m = route.regex.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
        return { route, params };
      }
      return null;
    },
  };
}

// Loads Contabo's OpenAPI 3.0.3 spec at run time (never copied into the repo) and validates recorded HTTP
// exchanges against it with ajv. Location: $CONTABO_SPEC_PATH or <repoRoot>/../shared/contabo/openapi.yaml.
// A missing spec is a test failure, not a skip.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export function specPath(): string {
  return process.env.CONTABO_SPEC_PATH ?? resolve(REPO_ROOT, '../shared/contabo/openapi.yaml');
}

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'header' | 'query' | 'path' | 'cookie';
  required?: boolean;
  schema: Json;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
  security?: unknown[];
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

export function loadSpec(): Spec {
  const file = specPath();
  if (!existsSync(file)) {
    throw new Error(
      `Contabo OpenAPI spec not found at ${file}. The spec is not part of the repository: put it at ` +
        `<repoRoot>/../shared/contabo/openapi.yaml or set CONTABO_SPEC_PATH.`,
    );
  }
  return parse(readFileSync(file, 'utf8')) as Spec;
}

/**
 * OpenAPI 3.0 schema → JSON Schema (draft-07) for ajv:
 * - `nullable: true` → adds "null" to `type`/`enum` (or wraps in anyOf when there is no type);
 * - `example`, `xml`, `externalDocs`, `discriminator` dropped; `$ref` to #/components/schemas kept (resolved by ajv
 *   inside the same document);
 * - two known spec defects are neutralised (documented, not hidden): `pattern: "yyyy-mm-dd"` is a placeholder, not a
 *   regex (InstanceResponse.cancelDate) — `format: date` still applies; and a string with `minLength: 0` plus a
 *   `format` accepts "" (cancelDate is "" while an instance is not cancelled).
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (['example', 'xml', 'externalDocs', 'discriminator', 'nullable'].includes(k)) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, toJsonSchema(s)]));
      continue;
    }
    out[k] = toJsonSchema(v);
  }
  if (out.pattern === 'yyyy-mm-dd') delete out.pattern;
  let result: Json = out;
  if (out.type === 'string' && out.minLength === 0 && typeof out.format === 'string') {
    result = { anyOf: [{ const: '' }, out] };
  }
  if (src.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else result = { anyOf: [result, { type: 'null' }] };
  }
  return result;
}

export interface RecordedExchange {
  /** 'client': sent by our client (request is validated too); 'raw': hand-made request (response only). */
  source: 'client' | 'raw';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  status: number;
  responseText: string;
}

export function createSpecValidator(spec: Spec = loadSpec()) {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'contabo', components: { schemas: toJsonSchema(spec.components.schemas) } });
  const cache = new Map<string, ValidateFunction>();
  const compile = (schema: Json): ValidateFunction => {
    const key = JSON.stringify(schema);
    let fn = cache.get(key);
    if (!fn) {
      const converted = JSON.parse(
        JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"contabo#/components/'),
      );
      fn = ajv.compile(converted as Json);
      cache.set(key, fn);
    }
    return fn;
  };
  const check = (schema: Json, value: unknown, where: string): string[] => {
    const fn = compile(schema);
    return fn(value)
      ? []
      : (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? ''}`.trim());
  };

  const templates = Object.keys(spec.paths).map((template) => {
    const names: string[] = [];
    const regex = new RegExp(
      `^${template.replace(/\{(\w+)\}/g, (_m, n: string) => (names.push(n), '([^/]+)'))}$`,
    );
    return { template, regex, names };
  });
  templates.sort((a, b) => a.names.length - b.names.length);

  function findOperation(method: string, path: string) {
    for (const t of templates) {
      const m = t.regex.exec(path);
      const op = m ? spec.paths[t.template]?.[method.toLowerCase()] : undefined;
      if (m && op) {
        const params = Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
        return { template: t.template, op, params };
      }
    }
    return null;
  }

  const coerce = (schema: Json, raw: string): unknown => {
    if (schema.type === 'integer' || schema.type === 'number')
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
    return raw;
  };

  function validateRequest(ex: RecordedExchange): string[] {
    const url = new URL(ex.url);
    const found = findOperation(ex.method, url.pathname);
    if (!found) return [`${ex.method} ${url.pathname}: no such operation in the spec`];
    const { op, params } = found;
    const errs: string[] = [];
    const where = `${op.operationId} request`;
    for (const p of op.parameters ?? []) {
      if (p.in === 'header') {
        const v = ex.headers[p.name.toLowerCase()];
        if (v === undefined) {
          if (p.required) errs.push(`${where}: missing header ${p.name}`);
        } else errs.push(...check(p.schema, v, `${where} header ${p.name}`));
      } else if (p.in === 'path') {
        errs.push(...check(p.schema, coerce(p.schema, params[p.name] ?? ''), `${where} path ${p.name}`));
      } else if (p.in === 'query') {
        const values = url.searchParams.getAll(p.name);
        if (values.length === 0) {
          if (p.required) errs.push(`${where}: missing query ${p.name}`);
          continue;
        }
        const items = (p.schema.items ?? {}) as Json;
        const value =
          p.schema.type === 'array' ? values.map((v) => coerce(items, v)) : coerce(p.schema, values[0] ?? '');
        errs.push(...check(p.schema, value, `${where} query ${p.name}`));
      }
    }
    const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    for (const key of url.searchParams.keys()) {
      if (!declared.has(key)) errs.push(`${where}: query parameter ${key} is not in the spec`);
    }
    if (op.security !== undefined && !/^Bearer \S+$/.test(ex.headers.authorization ?? '')) {
      errs.push(`${where}: missing Authorization: Bearer`);
    }
    const schema = op.requestBody?.content['application/json']?.schema;
    if (!op.requestBody) {
      if (ex.body !== null) errs.push(`${where}: the spec defines no request body but one was sent`);
    } else if (ex.body === null) {
      if (op.requestBody.required) errs.push(`${where}: request body is required`);
    } else {
      if (!(ex.headers['content-type'] ?? '').startsWith('application/json')) errs.push(`${where}: not JSON`);
      if (schema) errs.push(...check(schema, JSON.parse(ex.body), `${where} body`));
    }
    return errs;
  }

  function validateResponse(ex: RecordedExchange): string[] {
    const url = new URL(ex.url);
    const found = findOperation(ex.method, url.pathname);
    if (!found) return [`${ex.method} ${url.pathname}: no such operation in the spec`];
    const { op } = found;
    const where = `${op.operationId} ${ex.status} response`;
    const declared = op.responses[String(ex.status)];
    const body = ex.responseText ? (JSON.parse(ex.responseText) as unknown) : undefined;
    if (!declared) {
      if (ex.status < 400) return [`${where}: status not declared in the spec`];
      // The spec declares no error bodies for these operations; Contabo answers NestJS-style (REFERENCE §3).
      const errorShape: Json = {
        type: 'object',
        required: ['statusCode', 'message'],
        properties: {
          statusCode: { const: ex.status },
          message: {
            anyOf: [
              { type: 'string', minLength: 1 },
              { type: 'array', items: { type: 'string' }, minItems: 1 },
            ],
          },
        },
      };
      return check(errorShape, body, where);
    }
    const schema = declared.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${where}: the spec declares no body but one was sent`];
    return check(schema, body, where);
  }

  return { findOperation, validateRequest, validateResponse };
}

/** Wraps fetch so that every exchange (request and response) is recorded. */
export function recordingFetch(
  log: RecordedExchange[],
  source: () => RecordedExchange['source'] = () => 'client',
) {
  return async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input instanceof Request ? input.url : input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const res = await fetch(input, init);
    const text = await res.clone().text();
    log.push({
      source: source(),
      method: (init.method ?? 'GET').toUpperCase(),
      url,
      headers,
      body: typeof init.body === 'string' ? init.body : null,
      status: res.status,
      responseText: text,
    });
    return res;
  };
}

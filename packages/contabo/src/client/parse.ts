// Envelope unwrapping + zod parsing of Contabo answers. A body that does not match is an `invalid_response`.
import type { z } from 'zod';
import { ContaboError } from '../errors.ts';
import { zDataEnvelope, zListEnvelope } from '../schemas.ts';
import type { ListResult } from '../schemas.ts';
import type { HttpRequest, HttpResponse } from './http.ts';

function invalid(req: HttpRequest, res: HttpResponse, issues: string[]): ContaboError {
  return new ContaboError({
    code: 'invalid_response',
    status: res.status,
    messages: issues.slice(0, 5),
    retryable: false,
    requestId: res.requestId,
    method: req.method,
    pathTemplate: req.pathTemplate,
  });
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** `{data: [...]}` (no pagination) → [...]. */
export function parseData<T extends z.ZodType>(
  schema: T,
  req: HttpRequest,
  res: HttpResponse,
): z.output<T>[] {
  const parsed = zDataEnvelope(schema).safeParse(res.body);
  if (!parsed.success) throw invalid(req, res, issuesOf(parsed.error));
  return parsed.data.data as z.output<T>[];
}

/** `{data: [obj]}` → obj. */
export function parseSingle<T extends z.ZodType>(
  schema: T,
  req: HttpRequest,
  res: HttpResponse,
): z.output<T> {
  const first = parseData(schema, req, res)[0];
  if (first === undefined) throw invalid(req, res, ['data: expected one element, got none']);
  return first;
}

/** `{data: [...], _pagination}` → {items, pagination}. */
export function parseList<T extends z.ZodType>(
  schema: T,
  req: HttpRequest,
  res: HttpResponse,
): ListResult<z.output<T>> {
  const parsed = zListEnvelope(schema).safeParse(res.body);
  if (!parsed.success) throw invalid(req, res, issuesOf(parsed.error));
  return { items: parsed.data.data as z.output<T>[], pagination: parsed.data._pagination };
}

/** Validates our own input before sending; throws `invalid_request` (nothing is sent). */
export function checkInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ContaboError({
      code: 'invalid_request',
      status: null,
      messages: issuesOf(parsed.error).map((m) => `${what}: ${m}`),
      retryable: false,
    });
  }
  return parsed.data as z.output<T>;
}

export interface PageParams {
  page?: number;
  size?: number;
  /** e.g. ['name:asc'] */
  orderBy?: string[];
}

/** Walks pages 1..totalPages of a list operation (one call per page). */
export async function* iteratePages<T>(
  fetchPage: (page: number) => Promise<ListResult<T>>,
): AsyncGenerator<ListResult<T>> {
  for (let page = 1; ; page += 1) {
    const result = await fetchPage(page);
    yield result;
    if (result.items.length === 0 || page >= result.pagination.totalPages) return;
  }
}

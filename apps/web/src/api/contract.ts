// The API contract, typed from the server's own OpenAPI document (`schema.gen.ts`, written by `npm run api:types`).
// `call` is a thin typed layer over `apiRequest`, so errors (ApiError), credentials and retries behave as before:
// the path, its parameters, the query, the body and the response are all checked against the generated types.
import { apiRequest, type QueryValue } from './client.ts';
import type { paths } from './schema.gen.ts';

export type { paths };
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Path = keyof paths;

type Operation<P extends Path, M extends Method> = NonNullable<paths[P][M]>;

/** Paths that answer the method `M`. */
export type PathWith<M extends Method> = {
  [P in Path]: [Operation<P, M>] extends [never] ? never : P;
}[Path];

type Responses<P extends Path, M extends Method> = Operation<P, M> extends { responses: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;

/** The success body (200, 201 or 202) of `M path`; `undefined` for 204 and for routes without a response schema. */
export type ResponseOf<P extends Path, M extends Method = 'get'> = {
  [S in keyof Responses<P, M>]: S extends 200 | 201 | 202 | 204 ? JsonOf<Responses<P, M>[S]> : never;
}[keyof Responses<P, M>];

/** The JSON body `M path` takes. */
export type BodyOf<P extends Path, M extends Method> =
  Operation<P, M> extends { requestBody?: infer R }
    ? [NonNullable<R>] extends [never]
      ? never
      : NonNullable<R> extends { content: { 'application/json': infer B } }
        ? B
        : never
    : never;

/** The query string `M path` takes. */
export type QueryOf<P extends Path, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type PathParams<P extends Path, M extends Method> =
  Operation<P, M> extends { parameters: { path: infer A } } ? A : never;

/** What one call takes besides the method and path; each part only where the route has it. */
export type CallOptions<P extends Path, M extends Method> = ([PathParams<P, M>] extends [never]
  ? { params?: never }
  : { params: PathParams<P, M> }) &
  ([QueryOf<P, M>] extends [never] ? { query?: never } : { query?: QueryOf<P, M> }) &
  ([BodyOf<P, M>] extends [never] ? { body?: never } : { body: BodyOf<P, M> }) & {
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };

type Args<P extends Path, M extends Method> =
  Record<never, never> extends CallOptions<P, M>
    ? [options?: CallOptions<P, M>]
    : [options: CallOptions<P, M>];

/** `/api/vps/{id}` + `{ id }` → `/api/vps/<id>` (each value URL-encoded). */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}

export function call<M extends Method, P extends PathWith<M>>(
  method: M,
  path: P,
  ...[options]: Args<P, M>
): Promise<ResponseOf<P, M>> {
  const { params, query, body, signal, headers } = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: Record<string, QueryValue>;
    body?: unknown;
    signal?: AbortSignal;
    headers?: Record<string, string>;
  };
  return apiRequest<ResponseOf<P, M>>(fillPath(path, params), {
    method: method.toUpperCase() as Uppercase<M>,
    ...(query ? { query } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
    ...(headers ? { headers } : {}),
  });
}

/** `client.get('/api/vps/{id}', { params: { id } })`, and so on for each method. */
export const client = {
  get: <P extends PathWith<'get'>>(path: P, ...args: Args<P, 'get'>) => call('get', path, ...args),
  post: <P extends PathWith<'post'>>(path: P, ...args: Args<P, 'post'>) => call('post', path, ...args),
  put: <P extends PathWith<'put'>>(path: P, ...args: Args<P, 'put'>) => call('put', path, ...args),
  patch: <P extends PathWith<'patch'>>(path: P, ...args: Args<P, 'patch'>) => call('patch', path, ...args),
  delete: <P extends PathWith<'delete'>>(path: P, ...args: Args<P, 'delete'>) =>
    call('delete', path, ...args),
};

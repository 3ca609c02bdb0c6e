// Contabo operations covered here (tag "Instances"):
//   retrieveInstancesList      GET   /v1/compute/instances                      → listInstances, listAllInstances
//   retrieveInstance           GET   /v1/compute/instances/{instanceId}         → getInstance
//   createInstance             POST  /v1/compute/instances                      → createInstance (never retried)
//   patchInstance              PATCH /v1/compute/instances/{instanceId}         → renameInstance
//   reinstallInstance          PUT   /v1/compute/instances/{instanceId}         → reinstallInstance
//   cancelInstance             POST  /v1/compute/instances/{instanceId}/cancel  → cancelInstance
import type { ListResult } from '../schemas.ts';
import {
  zCancelResult,
  zCreateInstanceRequest,
  zCreatedInstance,
  zDisplayName,
  zInstance,
  zInstanceRef,
  zReinstallInstanceRequest,
} from '../schemas.ts';
import type {
  CancelResult,
  CreateInstanceRequest,
  CreatedInstance,
  Instance,
  InstanceRef,
  InstanceStatus,
  ReinstallInstanceRequest,
} from '../schemas.ts';
import { ContaboError } from '../errors.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { checkInput, iteratePages, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

export interface InstanceFilters extends PageParams {
  instanceIds?: number[];
  status?: InstanceStatus;
  /** Full text on name, displayName and IP address. */
  search?: string;
  displayName?: string;
  /** Host name, e.g. vmi123456. */
  name?: string;
  region?: string;
  productIds?: string[];
}

const BY_ID = '/v1/compute/instances/{instanceId}';

export async function listInstances(
  http: HttpClient,
  filters: InstanceFilters = {},
  ctx?: CallContext,
): Promise<ListResult<Instance>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/compute/instances',
    query: {
      page: filters.page,
      size: filters.size,
      orderBy: filters.orderBy,
      instanceIds: filters.instanceIds?.join(','),
      status: filters.status,
      search: filters.search,
      displayName: filters.displayName,
      name: filters.name,
      region: filters.region,
      productIds: filters.productIds?.join(','),
    },
    retry: 'idempotent',
  };
  return parseList(zInstance, req, await http.request(req, ctx));
}

/** Every page of a filtered list (page size 100 by default: 1,000 instances = 10 calls). */
export function instancePages(
  http: HttpClient,
  filters: Omit<InstanceFilters, 'page'> = {},
  ctx?: CallContext,
): AsyncGenerator<ListResult<Instance>> {
  return iteratePages((page) => listInstances(http, { size: 100, ...filters, page }, ctx));
}

export async function listAllInstances(
  http: HttpClient,
  filters: Omit<InstanceFilters, 'page'> = {},
  ctx?: CallContext,
): Promise<Instance[]> {
  const all: Instance[] = [];
  for await (const page of instancePages(http, filters, ctx)) all.push(...page.items);
  return all;
}

export async function getInstance(
  http: HttpClient,
  instanceId: number,
  ctx?: CallContext,
): Promise<Instance> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: BY_ID,
    pathParams: { instanceId },
    retry: 'idempotent',
  };
  return parseSingle(zInstance, req, await http.request(req, ctx));
}

/**
 * Creates (and bills!) an instance. Never retried: on `ambiguous` errors the instance may exist; reconcile with
 * `findInstancesByDisplayName` or `findAuditsByRequestId(err.requestId)` before trying again.
 */
export async function createInstance(
  http: HttpClient,
  input: CreateInstanceRequest,
  ctx?: CallContext,
): Promise<CreatedInstance> {
  const body = checkInput(zCreateInstanceRequest, input, 'createInstance');
  const req: HttpRequest = { method: 'POST', pathTemplate: '/v1/compute/instances', body, retry: 'never' };
  return parseSingle(zCreatedInstance, req, await http.request(req, ctx));
}

/** Exact displayName matches (Contabo's filter may match more loosely, so we filter again). */
export async function findInstancesByDisplayName(
  http: HttpClient,
  displayName: string,
  ctx?: CallContext,
): Promise<Instance[]> {
  const all = await listAllInstances(http, { displayName }, ctx);
  return all.filter((i) => i.displayName === displayName);
}

/** PATCH displayName ("" clears it). */
export async function renameInstance(
  http: HttpClient,
  instanceId: number,
  displayName: string,
  ctx?: CallContext,
): Promise<InstanceRef> {
  const body = checkInput(zDisplayName, displayName, 'renameInstance');
  const req: HttpRequest = {
    method: 'PATCH',
    pathTemplate: BY_ID,
    pathParams: { instanceId },
    body: { displayName: body },
    retry: 'idempotent',
  };
  return parseSingle(zInstanceRef, req, await http.request(req, ctx));
}

/** Re-images the OS (data loss). Retried only on 429: a second reinstall could wipe data written in between. */
export async function reinstallInstance(
  http: HttpClient,
  instanceId: number,
  input: ReinstallInstanceRequest,
  ctx?: CallContext,
): Promise<InstanceRef> {
  const body = checkInput(zReinstallInstanceRequest, input, 'reinstallInstance');
  const req: HttpRequest = {
    method: 'PUT',
    pathTemplate: BY_ID,
    pathParams: { instanceId },
    body,
    retry: 'accepted-once',
  };
  return parseSingle(zInstanceRef, req, await http.request(req, ctx));
}

/**
 * Cancels the contract (at the end of the period, or at `cancelDate`). Body is required by the spec: `{}`. The spec
 * wants `cancelDate` as a date-time (`CancelInstanceRequest`), although instances report it back as a date: a
 * calendar day (`2026-03-01`) or a `Date` is sent as that day's midnight UTC, `2026-03-01T00:00:00.000Z`.
 */
export async function cancelInstance(
  http: HttpClient,
  instanceId: number,
  options: { cancelDate?: string | Date } = {},
  ctx?: CallContext,
): Promise<CancelResult> {
  const req: HttpRequest = {
    method: 'POST',
    pathTemplate: `${BY_ID}/cancel`,
    pathParams: { instanceId },
    body: options.cancelDate === undefined ? {} : { cancelDate: cancelDateTime(options.cancelDate) },
    retry: 'accepted-once',
  };
  return parseSingle(zCancelResult, req, await http.request(req, ctx));
}

/** `cancelDate` as the spec's date-time; refuses (before any call) what is neither a day nor a date-time. */
export function cancelDateTime(value: string | Date): string {
  const day =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const date = day instanceof Date ? day : new Date(day);
  const valid =
    !Number.isNaN(date.getTime()) &&
    (day instanceof Date || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(day));
  if (!valid) {
    throw new ContaboError({
      code: 'invalid_request',
      status: null,
      messages: [`cancelDate: expected a date (yyyy-mm-dd) or an ISO 8601 date-time, got "${String(value)}"`],
      retryable: false,
    });
  }
  return date.toISOString();
}

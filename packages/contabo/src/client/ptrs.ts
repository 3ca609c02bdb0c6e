// Contabo operations covered here (tag "PTR Records", reverse DNS):
//   retrievePtrRecordsList  GET    /v1/dns/ptrs               → listPtrRecords
//   retrievePtrRecord       GET    /v1/dns/ptrs/{ipAddress}   → getPtrRecord
//   updatePtrRecord         PUT    /v1/dns/ptrs/{ipAddress}   → updatePtrRecord (204)
//   createPtrRecord         POST   /v1/dns/ptrs               → createPtrRecord (IPv6 only, per the spec)
//   deletePtrRecord         DELETE /v1/dns/ptrs/{ipAddress}   → deletePtrRecord (IPv6 only, per the spec)
import { zCreatePtrRequest, zPtrRecord, zUpdatePtrRequest } from '../schemas-network.ts';
import type { CreatePtrRequest, PtrRecord } from '../schemas-network.ts';
import type { ListResult } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { checkInput, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

const BY_IP = '/v1/dns/ptrs/{ipAddress}';

/** A request on one address's record: reading, setting and deleting it are all retried like GETs. */
const onRecord = (method: HttpRequest['method'], ip: string, body?: unknown): HttpRequest => ({
  method,
  pathTemplate: BY_IP,
  pathParams: { ipAddress: ip },
  body,
  retry: 'idempotent',
});

export async function listPtrRecords(
  http: HttpClient,
  filters: PageParams & { ips?: string[]; search?: string } = {},
  ctx?: CallContext,
): Promise<ListResult<PtrRecord>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/dns/ptrs',
    query: {
      page: filters.page,
      size: filters.size,
      orderBy: filters.orderBy,
      ips: filters.ips,
      search: filters.search,
    },
    retry: 'idempotent',
  };
  return parseList(zPtrRecord, req, await http.request(req, ctx));
}

export async function getPtrRecord(http: HttpClient, ip: string, ctx?: CallContext): Promise<PtrRecord> {
  const req = onRecord('GET', ip);
  return parseSingle(zPtrRecord, req, await http.request(req, ctx));
}

/** Sets the PTR name of an address; setting the same name twice is harmless, so it is retried like a GET. */
export async function updatePtrRecord(
  http: HttpClient,
  ip: string,
  ptr: string,
  ctx?: CallContext,
): Promise<void> {
  const body = checkInput(zUpdatePtrRequest, { ptr }, 'updatePtrRecord');
  await http.request(onRecord('PUT', ip, body), ctx);
}

export async function createPtrRecord(
  http: HttpClient,
  input: CreatePtrRequest,
  ctx?: CallContext,
): Promise<PtrRecord> {
  const body = checkInput(zCreatePtrRequest, input, 'createPtrRecord');
  const req: HttpRequest = { method: 'POST', pathTemplate: '/v1/dns/ptrs', body, retry: 'accepted-once' };
  return parseSingle(zPtrRecord, req, await http.request(req, ctx));
}

export async function deletePtrRecord(http: HttpClient, ip: string, ctx?: CallContext): Promise<void> {
  await http.request(onRecord('DELETE', ip), ctx);
}

// Contabo operations covered here (tag "Firewalls"; account-wide resources, a paid add-on):
//   retrieveFirewallList       GET    /v1/firewalls                                     → listFirewalls
//   createFirewall             POST   /v1/firewalls                                     → createFirewall
//   retrieveFirewall           GET    /v1/firewalls/{firewallId}                        → getFirewall
//   putFirewall                PUT    /v1/firewalls/{firewallId}                        → setFirewallRules
//   patchFirewall              PATCH  /v1/firewalls/{firewallId}                        → patchFirewall
//   deleteFirewall             DELETE /v1/firewalls/{firewallId}                        → deleteFirewall
//   assignInstanceFirewall     POST   /v1/firewalls/{firewallId}/instances/{instanceId} → assignInstance
//   unassignInstanceFirewall   DELETE /v1/firewalls/{firewallId}/instances/{instanceId} → unassignInstance
//   retrievePresetRules        GET    /v1/firewalls/preset-rules                        → listPresetRules
// A firewall with instances attached cannot be deleted (spec): unassign first.
import {
  zCreateFirewallRequest,
  zFirewall,
  zPatchFirewallRequest,
  zPresetRule,
  zPutFirewallRequest,
} from '../schemas-network.ts';
import type {
  CreateFirewallRequest,
  Firewall,
  PatchFirewallRequest,
  PresetRule,
  PutFirewallRequest,
} from '../schemas-network.ts';
import type { ListResult } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { checkInput, parseData, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

const BY_ID = '/v1/firewalls/{firewallId}';
const ASSIGNMENT = '/v1/firewalls/{firewallId}/instances/{instanceId}';

/** A request on one firewall: reads and full or partial replacements are retried like GETs. */
const onFirewall = (method: HttpRequest['method'], firewallId: string, body?: unknown): HttpRequest => ({
  method,
  pathTemplate: BY_ID,
  pathParams: { firewallId },
  body,
  retry: 'idempotent',
});

/** An instance's assignment: assigning is retried on 429 only (accepted once), unassigning like a GET. */
const onAssignment = (method: 'POST' | 'DELETE', firewallId: string, instanceId: number): HttpRequest => ({
  method,
  pathTemplate: ASSIGNMENT,
  pathParams: { firewallId, instanceId },
  retry: method === 'POST' ? 'accepted-once' : 'idempotent',
});

export async function listFirewalls(
  http: HttpClient,
  filters: PageParams & { name?: string; instanceIds?: number[] } = {},
  ctx?: CallContext,
): Promise<ListResult<Firewall>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/firewalls',
    query: {
      page: filters.page,
      size: filters.size,
      orderBy: filters.orderBy,
      name: filters.name,
      instanceIds: filters.instanceIds?.join(','),
    },
    retry: 'idempotent',
  };
  return parseList(zFirewall, req, await http.request(req, ctx));
}

/** Not retried after a 5xx/timeout (a second create would leave a stray firewall): reconcile by name. */
export async function createFirewall(
  http: HttpClient,
  input: CreateFirewallRequest,
  ctx?: CallContext,
): Promise<Firewall> {
  const body = checkInput(zCreateFirewallRequest, input, 'createFirewall');
  const req: HttpRequest = { method: 'POST', pathTemplate: '/v1/firewalls', body, retry: 'accepted-once' };
  return parseSingle(zFirewall, req, await http.request(req, ctx));
}

export async function getFirewall(
  http: HttpClient,
  firewallId: string,
  ctx?: CallContext,
): Promise<Firewall> {
  const req = onFirewall('GET', firewallId);
  return parseSingle(zFirewall, req, await http.request(req, ctx));
}

/** Replaces the inbound rules (PUT is a full replacement, so a repeat is harmless). */
export async function setFirewallRules(
  http: HttpClient,
  firewallId: string,
  input: PutFirewallRequest,
  ctx?: CallContext,
): Promise<Firewall> {
  const req = onFirewall('PUT', firewallId, checkInput(zPutFirewallRequest, input, 'putFirewall'));
  return parseSingle(zFirewall, req, await http.request(req, ctx));
}

export async function patchFirewall(
  http: HttpClient,
  firewallId: string,
  input: PatchFirewallRequest,
  ctx?: CallContext,
): Promise<Firewall> {
  const req = onFirewall('PATCH', firewallId, checkInput(zPatchFirewallRequest, input, 'patchFirewall'));
  return parseSingle(zFirewall, req, await http.request(req, ctx));
}

export async function deleteFirewall(http: HttpClient, firewallId: string, ctx?: CallContext): Promise<void> {
  await http.request(onFirewall('DELETE', firewallId), ctx);
}

export async function assignInstance(
  http: HttpClient,
  firewallId: string,
  instanceId: number,
  ctx?: CallContext,
): Promise<void> {
  await http.request(onAssignment('POST', firewallId, instanceId), ctx);
}

export async function unassignInstance(
  http: HttpClient,
  firewallId: string,
  instanceId: number,
  ctx?: CallContext,
): Promise<void> {
  await http.request(onAssignment('DELETE', firewallId, instanceId), ctx);
}

/** Contabo's preset rules ("SSH", "HTTP", "HTTPS", …); the answer is not paginated. */
export async function listPresetRules(
  http: HttpClient,
  filters: PageParams & { name?: string } = {},
  ctx?: CallContext,
): Promise<PresetRule[]> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/firewalls/preset-rules',
    query: { page: filters.page, size: filters.size, orderBy: filters.orderBy, name: filters.name },
    retry: 'idempotent',
  };
  return parseData(zPresetRule, req, await http.request(req, ctx));
}

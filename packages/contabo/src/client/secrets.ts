// Contabo operations covered here (tag "Secrets"):
//   createSecret        POST   /v1/secrets             → createSecret
//   retrieveSecretList  GET    /v1/secrets             → listSecrets
//   retrieveSecret      GET    /v1/secrets/{secretId}  → getSecret
//   deleteSecret        DELETE /v1/secrets/{secretId}  → deleteSecret
// Secret values are never logged; only ids travel in instance/rescue/reset bodies.
import { zCreateSecretRequest, zSecret } from '../schemas.ts';
import type { CreateSecretRequest, ListResult, Secret, SecretType } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { checkInput, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

export async function createSecret(
  http: HttpClient,
  input: CreateSecretRequest,
  ctx?: CallContext,
): Promise<Secret> {
  const body = checkInput(zCreateSecretRequest, input, 'createSecret');
  const req: HttpRequest = { method: 'POST', pathTemplate: '/v1/secrets', body, retry: 'accepted-once' };
  return parseSingle(zSecret, req, await http.request(req, ctx));
}

export async function listSecrets(
  http: HttpClient,
  filters: PageParams & { name?: string; type?: SecretType } = {},
  ctx?: CallContext,
): Promise<ListResult<Secret>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: '/v1/secrets',
    query: {
      page: filters.page,
      size: filters.size,
      orderBy: filters.orderBy,
      name: filters.name,
      type: filters.type,
    },
    retry: 'idempotent',
  };
  return parseList(zSecret, req, await http.request(req, ctx));
}

/** A request on one secret (reading and deleting it are retried like GETs). */
const onSecret = (method: 'GET' | 'DELETE', secretId: number): HttpRequest => ({
  method,
  pathTemplate: '/v1/secrets/{secretId}',
  pathParams: { secretId },
  retry: 'idempotent',
});

export async function getSecret(http: HttpClient, secretId: number, ctx?: CallContext): Promise<Secret> {
  const req = onSecret('GET', secretId);
  return parseSingle(zSecret, req, await http.request(req, ctx));
}

export async function deleteSecret(http: HttpClient, secretId: number, ctx?: CallContext): Promise<void> {
  await http.request(onSecret('DELETE', secretId), ctx);
}

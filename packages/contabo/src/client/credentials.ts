// One-off secrets: Contabo takes passwords and SSH keys only as secret ids. These helpers create the secrets, run
// the action with their ids and always delete them afterwards (also when the action fails), so plain-text
// credentials never stay stored in the Contabo account longer than the call.
import { randomUUID } from 'node:crypto';
import type { ActionResult, CredentialsActionRequest } from '../schemas.ts';
import { rescueInstance, resetPassword } from './actions.ts';
import type { CallContext, HttpClient, Logger } from './http.ts';
import { createSecret, deleteSecret } from './secrets.ts';

export interface OneOffCredentials {
  password?: string;
  sshPublicKeys?: string[];
}

export interface SecretIds {
  rootPassword?: number;
  sshKeys?: number[];
}

export async function withOneOffSecrets<T>(
  http: HttpClient,
  credentials: OneOffCredentials,
  fn: (ids: SecretIds) => Promise<T>,
  ctx?: CallContext,
  logger?: Logger,
): Promise<T> {
  const created: number[] = [];
  const ids: SecretIds = {};
  const name = (kind: string) => `cv-oneoff-${kind}-${randomUUID().slice(0, 8)}`;
  try {
    if (credentials.password !== undefined) {
      const s = await createSecret(
        http,
        { name: name('pw'), type: 'password', value: credentials.password },
        ctx,
      );
      created.push(s.secretId);
      ids.rootPassword = s.secretId;
    }
    for (const key of credentials.sshPublicKeys ?? []) {
      const s = await createSecret(http, { name: name('ssh'), type: 'ssh', value: key }, ctx);
      created.push(s.secretId);
      (ids.sshKeys ??= []).push(s.secretId);
    }
    return await fn(ids);
  } finally {
    for (const secretId of created) {
      try {
        await deleteSecret(http, secretId, ctx);
      } catch (err) {
        // Never mask the action's own outcome; leave a trace so an operator can remove the secret.
        logger?.error({ secretId, err: (err as Error).message }, 'could not delete one-off Contabo secret');
      }
    }
  }
}

function toBody(ids: SecretIds, userData?: string): CredentialsActionRequest {
  const body: CredentialsActionRequest = {};
  if (ids.rootPassword !== undefined) body.rootPassword = ids.rootPassword;
  if (ids.sshKeys?.length) body.sshKeys = ids.sshKeys;
  if (userData !== undefined) body.userData = userData;
  return body;
}

/** Runs a credentials action (rescue, reset password) with one-off secrets made from plain-text credentials. */
function withCredentials(
  action: typeof resetPassword,
  http: HttpClient,
  instanceId: number,
  credentials: OneOffCredentials,
  userData: string | undefined,
  ctx?: CallContext,
  logger?: Logger,
): Promise<ActionResult> {
  const run = (ids: SecretIds) => action(http, instanceId, toBody(ids, userData), ctx);
  return withOneOffSecrets(http, credentials, run, ctx, logger);
}

export const resetPasswordWithCredentials = (
  http: HttpClient,
  instanceId: number,
  credentials: OneOffCredentials,
  ctx?: CallContext,
  logger?: Logger,
): Promise<ActionResult> =>
  withCredentials(resetPassword, http, instanceId, credentials, undefined, ctx, logger);

export const rescueWithCredentials = (
  http: HttpClient,
  instanceId: number,
  credentials: OneOffCredentials & { userData?: string },
  ctx?: CallContext,
  logger?: Logger,
): Promise<ActionResult> =>
  withCredentials(rescueInstance, http, instanceId, credentials, credentials.userData, ctx, logger);

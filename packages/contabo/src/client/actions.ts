// Contabo operations covered here (tag "Instance Actions"; all POST, all answer 201 "accepted" — poll the instance):
//   start          POST /v1/compute/instances/{instanceId}/actions/start          → startInstance     (idempotent)
//   stop           POST /v1/compute/instances/{instanceId}/actions/stop           → stopInstance      (idempotent)
//   shutdown       POST /v1/compute/instances/{instanceId}/actions/shutdown       → shutdownInstance  (idempotent)
//   restart        POST /v1/compute/instances/{instanceId}/actions/restart        → restartInstance   (accepted-once)
//   rescue         POST /v1/compute/instances/{instanceId}/actions/rescue         → rescueInstance    (accepted-once)
//   resetPassword  POST /v1/compute/instances/{instanceId}/actions/resetPassword  → resetPassword     (accepted-once)
// Retry choice: start/stop/shutdown drive the machine to a target state, so repeating them after a 5xx/timeout is
// harmless and they are retried like GETs. restart/rescue/resetPassword are not idempotent (a second restart
// reboots again), so they are retried on 429 only; 5xx/timeouts surface as `ambiguous` (check action audits).
import { zActionResult, zCredentialsActionRequest } from '../schemas.ts';
import type { ActionResult, CredentialsActionRequest } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest, RetryPolicy } from './http.ts';
import { checkInput, parseSingle } from './parse.ts';

export type PowerAction = 'start' | 'stop' | 'restart' | 'shutdown';

const POLICY: Record<PowerAction | 'rescue' | 'resetPassword', RetryPolicy> = {
  start: 'idempotent',
  stop: 'idempotent',
  shutdown: 'idempotent',
  restart: 'accepted-once',
  rescue: 'accepted-once',
  resetPassword: 'accepted-once',
};

async function runAction(
  http: HttpClient,
  instanceId: number,
  action: PowerAction | 'rescue' | 'resetPassword',
  body: unknown,
  ctx?: CallContext,
): Promise<ActionResult> {
  const req: HttpRequest = {
    method: 'POST',
    pathTemplate: `/v1/compute/instances/{instanceId}/actions/${action}`,
    pathParams: { instanceId },
    body,
    retry: POLICY[action],
  };
  return parseSingle(zActionResult, req, await http.request(req, ctx));
}

export const startInstance = (http: HttpClient, id: number, ctx?: CallContext) =>
  runAction(http, id, 'start', undefined, ctx);
export const stopInstance = (http: HttpClient, id: number, ctx?: CallContext) =>
  runAction(http, id, 'stop', undefined, ctx);
export const restartInstance = (http: HttpClient, id: number, ctx?: CallContext) =>
  runAction(http, id, 'restart', undefined, ctx);
export const shutdownInstance = (http: HttpClient, id: number, ctx?: CallContext) =>
  runAction(http, id, 'shutdown', undefined, ctx);

/** rescue / resetPassword: the body (credentials as secret ids) is checked before anything is sent. */
const credentialsAction =
  (action: 'rescue' | 'resetPassword') =>
  (
    http: HttpClient,
    id: number,
    body: CredentialsActionRequest = {},
    ctx?: CallContext,
  ): Promise<ActionResult> =>
    runAction(http, id, action, checkInput(zCredentialsActionRequest, body, action), ctx);

/** Boots the rescue system; credentials are secret ids (see `rescueWithCredentials` for one-off secrets). */
export const rescueInstance = credentialsAction('rescue');

/** Resets the root password / SSH keys (Linux only per Contabo). Takes minutes; status goes reset_password → running. */
export const resetPassword = credentialsAction('resetPassword');

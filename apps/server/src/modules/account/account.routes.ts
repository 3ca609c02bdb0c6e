import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { metaOf, withCookies } from '../../http/request-meta.ts';
import { listOf } from '../../lib/pagination.ts';
import { currentUser, sessionTokenOf } from '../auth/auth.guard.ts';
import { ZMessage, ZUserEnvelope } from '../auth/auth.schemas.ts';
import {
  ZChangeEmailBody,
  ZChangePasswordBody,
  ZCodeBody,
  ZDisableTwoFactorBody,
  ZPasswordBody,
  ZProfileBody,
  ZRecoveryCodes,
  ZSession,
  ZSessionTokens,
  ZTwoFactorSetup,
  ZTwoFactorState,
} from './account.schemas.ts';
import type { AccountService, Caller } from './account.service.ts';
import { ZSshKey, ZSshKeyBody, type SshKeysService } from './ssh-keys.service.ts';
import type { TwoFactorService } from './two-factor.service.ts';

const tags = ['account'];
const security = [{ bearerAuth: [] }];

const callerOf = (req: FastifyRequest): Caller => ({
  user: currentUser(req),
  sessionToken: sessionTokenOf(req),
  meta: metaOf(req),
});

export interface AccountRoutesOptions {
  account: AccountService;
  twoFactor: TwoFactorService;
  sshKeys: SshKeysService;
}

/** /api/account: profile, password, e-mail, sessions, SSH keys and two-factor authentication. Every route needs a user. */
export const accountRoutes: FastifyPluginAsyncZod<AccountRoutesOptions> = async (
  app,
  { account, twoFactor, sshKeys },
) => {
  app.addHook('onRequest', app.requireUser);

  app.patch(
    '/api/account/profile',
    {
      schema: {
        tags,
        security,
        summary: 'Update names, phone, language and billing data (address, tax id) for invoices',
        body: ZProfileBody,
        response: { 200: ZUserEnvelope },
      },
    },
    async (req) => ({ user: await account.updateProfile(callerOf(req), req.body) }),
  );

  app.post(
    '/api/account/change-password',
    {
      schema: {
        tags,
        security,
        summary: 'Change the password (needs the current one); other sessions end',
        body: ZChangePasswordBody,
        response: { 200: ZSessionTokens },
      },
    },
    async (req, reply) => withCookies(reply, await account.changePassword(callerOf(req), req.body)),
  );

  app.post(
    '/api/account/change-email',
    {
      schema: {
        tags,
        security,
        summary: 'Change the e-mail address: applies once the new address is confirmed',
        body: ZChangeEmailBody,
        response: { 202: ZMessage },
      },
    },
    async (req, reply) => reply.status(202).send(await account.changeEmail(callerOf(req), req.body.newEmail)),
  );

  app.get(
    '/api/account/sessions',
    {
      schema: {
        tags,
        security,
        summary: 'Active sessions (device, IP, last use)',
        response: { 200: listOf(ZSession) },
      },
    },
    async (req) => account.listSessions(currentUser(req)),
  );

  app.delete(
    '/api/account/sessions/:id',
    { schema: { tags, security, summary: 'End one session', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      await account.revokeSession(callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/account/ssh-keys',
    { schema: { tags, security, summary: 'Your SSH public keys', response: { 200: listOf(ZSshKey) } } },
    async (req) => sshKeys.list(currentUser(req).id),
  );

  app.post(
    '/api/account/ssh-keys',
    {
      schema: {
        tags,
        security,
        summary: 'Add an OpenSSH public key (ed25519, ecdsa, rsa ≥ 2048)',
        body: ZSshKeyBody,
        response: { 201: ZSshKey },
      },
    },
    async (req, reply) => reply.status(201).send(await sshKeys.add(callerOf(req), req.body)),
  );

  app.delete(
    '/api/account/ssh-keys/:id',
    { schema: { tags, security, summary: 'Remove an SSH key', params: z.object({ id: z.uuid() }) } },
    async (req, reply) => {
      await sshKeys.remove(callerOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/account/2fa/setup',
    {
      schema: {
        tags,
        security,
        summary: 'Start TOTP set-up (needs the password): secret, otpauth URI and recovery codes',
        body: ZPasswordBody,
        response: { 200: ZTwoFactorSetup },
      },
    },
    async (req) => twoFactor.setup(callerOf(req), req.body.password),
  );

  app.post(
    '/api/account/2fa/enable',
    {
      schema: {
        tags,
        security,
        summary: 'Confirm a code from the app to turn 2FA on (the session is renewed)',
        body: ZCodeBody,
        response: { 200: ZTwoFactorState },
      },
    },
    async (req, reply) => withCookies(reply, await twoFactor.enable(callerOf(req), req.body.code)),
  );

  app.post(
    '/api/account/2fa/disable',
    {
      schema: {
        tags,
        security,
        summary: 'Turn 2FA off (needs the password and a current code)',
        body: ZDisableTwoFactorBody,
        response: { 200: ZTwoFactorState },
      },
    },
    async (req, reply) => withCookies(reply, await twoFactor.disable(callerOf(req), req.body)),
  );

  app.post(
    '/api/account/2fa/recovery-codes',
    {
      schema: {
        tags,
        security,
        summary: 'New recovery codes (the old ones stop working)',
        body: ZPasswordBody,
        response: { 200: ZRecoveryCodes },
      },
    },
    async (req) => twoFactor.regenerateRecoveryCodes(callerOf(req), req.body.password),
  );
};

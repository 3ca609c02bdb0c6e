import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { metaOf, withCookies } from '../../http/request-meta.ts';
import { currentUser, sessionTokenOf } from './auth.guard.ts';
import {
  ZEmailBody,
  ZLoginBody,
  ZLoginResult,
  ZMessage,
  ZRefreshBody,
  ZRefreshResult,
  ZRegisterBody,
  ZResetPasswordBody,
  ZTokenParams,
  ZUserEnvelope,
  ZOptionalUserEnvelope,
  ZVerifyEmailResult,
} from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';

const tags = ['auth'];
const security = [{ bearerAuth: [] }];

/** The seed's /api/auth endpoints, thin over AuthService (which calls better-auth's server API). */
export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/register',
    {
      schema: {
        tags,
        summary:
          'Create a customer account and send the verification e-mail (always 202: an address that already has an ' +
          'account gets a notice instead, and whether it exists is never revealed)',
        body: ZRegisterBody,
        response: { 202: ZMessage },
      },
    },
    async (req, reply) => reply.status(202).send(await auth.register(req.body, metaOf(req))),
  );

  app.get(
    '/api/auth/verify-email/:token',
    {
      schema: {
        tags,
        summary: 'Confirm an e-mail address (single use, 24 h)',
        params: ZTokenParams,
        response: { 200: ZVerifyEmailResult },
      },
    },
    async (req) => auth.verifyEmail(req.params.token, metaOf(req)),
  );

  app.post(
    '/api/auth/resend-verification',
    {
      schema: {
        tags,
        summary: 'Send the verification e-mail again (always 202)',
        body: ZEmailBody,
        response: { 202: ZMessage },
      },
    },
    async (req, reply) => reply.status(202).send(await auth.resendVerification(req.body.email, metaOf(req))),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in: short access token + refresh token, and the session cookie for the web app',
        body: ZLoginBody,
        response: { 200: ZLoginResult },
      },
    },
    async (req, reply) => withCookies(reply, await auth.login(req.body, metaOf(req))),
  );

  app.post(
    '/api/auth/refresh-token',
    {
      schema: {
        tags,
        summary: 'A new access token while the session is valid',
        body: ZRefreshBody,
        response: { 200: ZRefreshResult },
      },
    },
    async (req, reply) =>
      withCookies(
        reply,
        await auth.refresh({ refreshToken: req.body?.refreshToken, cookie: req.headers.cookie }, metaOf(req)),
      ),
  );

  app.post(
    '/api/auth/logout',
    {
      onRequest: app.requireUser,
      schema: { tags, security, summary: 'End this session (refresh token and cookie stop working at once)' },
    },
    async (req, reply) => {
      withCookies(reply, await auth.logout(currentUser(req), sessionTokenOf(req), metaOf(req)));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: 'End every session of the user',
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (req, reply) =>
      withCookies(reply, await auth.logoutAll(currentUser(req), sessionTokenOf(req), metaOf(req))),
  );

  app.post(
    '/api/auth/forgot-password',
    {
      schema: {
        tags,
        summary: 'Send a password reset link (always 202: never reveals whether the account exists)',
        body: ZEmailBody,
        response: { 202: ZMessage },
      },
    },
    async (req, reply) => reply.status(202).send(await auth.forgotPassword(req.body.email, metaOf(req))),
  );

  app.post(
    '/api/auth/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password with the e-mailed token (single use, 1 h); ends every session',
        body: ZResetPasswordBody,
        response: { 200: ZMessage },
      },
    },
    async (req) => auth.resetPassword(req.body, metaOf(req)),
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: app.requireUser,
      schema: { tags, security, summary: 'The current user', response: { 200: ZUserEnvelope } },
    },
    async (req) => ({ user: await auth.me(currentUser(req).id) }),
  );

  // The web app asks this on every page: a visitor is an answer (`user: null`), not a 401 in the browser console.
  app.get(
    '/api/auth/session',
    {
      onRequest: app.optionalUser,
      schema: {
        tags,
        summary: 'The current user, or null for a visitor (never 401)',
        response: { 200: ZOptionalUserEnvelope },
      },
    },
    async (req) => ({ user: req.user ? await auth.me(req.user.id) : null }),
  );
};

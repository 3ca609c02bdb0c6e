import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf } from '../../http/request-meta.ts';
import { currentUser } from '../auth/auth.guard.ts';
import { ZStaffInvite, ZStaffList, ZStaffMember, ZStaffSecurity, ZStaffUpdate } from './staff.schemas.ts';
import type { StaffService } from './staff.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['admin'];
const security = [{ bearerAuth: [] }];

export const staffRoutes: FastifyPluginAsyncZod<{ staff: StaffService }> = async (app, { staff }) => {
  const guard = { onRequest: app.requireStaff('staff.manage') };

  app.get(
    '/api/admin/staff',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Staff members and role permissions',
        response: { 200: ZStaffList },
      },
    },
    async () => staff.list(),
  );

  app.get(
    '/api/admin/staff/security',
    {
      ...guard,
      schema: { tags, security, summary: '"Require 2FA for staff"', response: { 200: ZStaffSecurity } },
    },
    async () => staff.security(),
  );

  app.put(
    '/api/admin/staff/security',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Turn "require 2FA for staff" on or off',
        body: ZStaffSecurity,
        response: { 200: ZStaffSecurity },
      },
    },
    async (req) => staff.setSecurity(currentUser(req), req.body, metaOf(req)),
  );

  app.post(
    '/api/admin/staff',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Invite a staff member by e-mail',
        body: ZStaffInvite,
        response: { 201: ZStaffMember },
      },
    },
    async (req, reply) => reply.status(201).send(await staff.invite(currentUser(req), req.body, metaOf(req))),
  );

  app.patch(
    '/api/admin/staff/:id',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Change role, disable or enable',
        params: ZId,
        body: ZStaffUpdate,
        response: { 200: ZStaffMember },
      },
    },
    async (req) => staff.update(currentUser(req), req.params.id, req.body, metaOf(req)),
  );

  app.post(
    '/api/admin/staff/:id/invite',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Send the set-password link again',
        params: ZId,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await staff.resendInvite(currentUser(req), req.params.id, metaOf(req));
      return reply.status(204).send(null);
    },
  );
};

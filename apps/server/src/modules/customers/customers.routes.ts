import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf } from '../../http/request-meta.ts';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZActionResult,
  ZBanBody,
  ZCustomerDetail,
  ZCustomerId,
  ZCustomerList,
  ZCustomerListQuery,
  ZNoteBody,
  ZProfilePatch,
  ZViewAsToken,
} from './customers.schemas.ts';
import type { CustomersService, Staff } from './customers.service.ts';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

const staffOf = (req: FastifyRequest): Staff => {
  const user = currentUser(req);
  return { id: user.id, role: user.role, meta: metaOf(req) };
};

/** `/api/admin/customers*`: the list (JSON or CSV), one customer's detail, and one route per staff action. */
export const customersRoutes: FastifyPluginAsyncZod<{ customers: CustomersService }> = async (
  app,
  { customers },
) => {
  // Support reads customers and gives account help (reset e-mail, 2FA reset); the rest is for administrators.
  const guard = { onRequest: app.requireStaff('customers.manage') };
  const readGuard = { onRequest: app.requireStaff('customers.read') };
  const supportGuard = { onRequest: app.requireStaff('customers.support') };

  app.get(
    '/api/admin/customers',
    {
      ...readGuard,
      schema: {
        tags,
        security,
        summary:
          'Customers: search (name, e-mail, phone, order/invoice number, server IP), filters, sort, CSV',
        querystring: ZCustomerListQuery,
        response: { 200: ZCustomerList },
      },
    },
    async (req, reply) => {
      if (req.query.format !== 'csv') return customers.list(req.query);
      const csv = await customers.exportCsv(req.query, staffOf(req));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="customers.csv"')
        .send(csv as never);
    },
  );

  app.get(
    '/api/admin/customers/:id',
    {
      ...readGuard,
      schema: {
        tags,
        security,
        summary:
          "A customer's profile, services, orders, invoices, payments, tickets, sessions, value and trail",
        params: ZCustomerId,
        response: { 200: ZCustomerDetail },
      },
    },
    async (req) => customers.detail(req.params.id),
  );

  app.patch(
    '/api/admin/customers/:id',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: "Edit a customer's profile",
        params: ZCustomerId,
        body: ZProfilePatch,
        response: { 200: ZActionResult },
      },
    },
    async (req) => customers.updateProfile(staffOf(req), req.params.id, req.body),
  );

  const action = (
    path: string,
    summary: string,
    run: (staff: Staff, id: string) => Promise<{ ok: true; sessionsEnded?: number }>,
    access: typeof guard = guard,
  ) =>
    app.post(
      `/api/admin/customers/:id/${path}`,
      {
        ...access,
        schema: { tags, security, summary, params: ZCustomerId, response: { 200: ZActionResult } },
      },
      async (req) => run(staffOf(req), req.params.id),
    );

  action('verify-email', 'Mark the e-mail address as verified', (s, id) => customers.markVerified(s, id));
  action(
    'password-reset',
    'Send a password-reset e-mail',
    (s, id) => customers.sendPasswordReset(s, id),
    supportGuard,
  );
  action(
    'two-factor/reset',
    'Turn off 2FA (the customer lost their device)',
    (s, id) => customers.resetTwoFactor(s, id),
    supportGuard,
  );
  action('unban', 'Lift a ban', (s, id) => customers.unban(s, id));
  action('sessions/revoke', 'End every session of the customer', (s, id) => customers.revokeSessions(s, id));

  app.post(
    '/api/admin/customers/:id/ban',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Ban: no login, no API, sessions end at once; services keep running',
        params: ZCustomerId,
        body: ZBanBody,
        response: { 200: ZActionResult },
      },
    },
    async (req) => customers.ban(staffOf(req), req.params.id, req.body.reason),
  );

  app.post(
    '/api/admin/customers/:id/notes',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Add an internal note (staff only)',
        params: ZCustomerId,
        body: ZNoteBody,
        response: { 201: ZActionResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await customers.addNote(staffOf(req), req.params.id, req.body.body)),
  );

  app.post(
    '/api/admin/customers/:id/view-as',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'A short-lived read-only token to see the panel as this customer (audited)',
        params: ZCustomerId,
        response: { 201: ZViewAsToken },
      },
    },
    async (req, reply) => reply.status(201).send(await customers.viewAs(staffOf(req), req.params.id)),
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin, auditOrFail } from '../../http/admin-audit.ts';
import { listOf } from '../../lib/pagination.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZAdminInvoice,
  ZAdminInvoiceQuery,
  ZExportQuery,
  ZInvoice,
  ZInvoiceDetail,
  ZInvoiceQuery,
  ZInvoiceSummary,
  ZMarkPaidRequest,
  ZRenewalRequest,
  ZVoidRequest,
} from './billing.schemas.ts';
import type { BillingLifecycle } from './billing.lifecycle.ts';
import type { BillingService } from './billing.service.ts';
import { ZVps } from '../vps/vps.schemas.ts';
import type { VpsService } from '../vps/vps.service.ts';

const ZId = z.object({ id: z.uuid() });

export const billingRoutes: FastifyPluginAsyncZod<{
  billing: BillingService;
  lifecycle: BillingLifecycle;
  vps: VpsService;
  audit: AuditService;
}> = async (app, { billing, lifecycle, vps, audit }) => {
  app.get(
    '/api/invoices/summary',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'What I owe: unpaid and overdue invoices, totals per currency, the next due date',
        security: [{ bearerAuth: [] }],
        response: { 200: ZInvoiceSummary },
      },
    },
    async (req) => billing.summary(currentUser(req).id),
  );

  app.patch(
    '/api/vps/:id/renewal',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'Turn auto-renew on or off, or cancel the service at the end of its period',
        security: [{ bearerAuth: [] }],
        params: ZId,
        body: ZRenewalRequest,
        response: { 200: ZVps },
      },
    },
    async (req) => {
      const user = currentUser(req);
      await lifecycle.setRenewal(user.id, req.params.id, req.body);
      return vps.get({ id: user.id, role: user.role }, req.params.id);
    },
  );

  app.post(
    '/api/vps/:id/renew',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'Issue (or show) the renewal invoice of my server for its next period',
        security: [{ bearerAuth: [] }],
        params: ZId,
        response: { 200: ZInvoiceDetail },
      },
    },
    async (req) => lifecycle.renewNow(currentUser(req).id, req.params.id),
  );

  app.get(
    '/api/invoices',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'My invoices, newest first',
        security: [{ bearerAuth: [] }],
        querystring: ZInvoiceQuery,
        response: { 200: listOf(ZInvoice) },
      },
    },
    async (req) => billing.listOwn(currentUser(req).id, req.query),
  );

  app.get(
    '/api/invoices/:id',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'One of my invoices with its lines',
        security: [{ bearerAuth: [] }],
        params: ZId,
        response: { 200: ZInvoiceDetail },
      },
    },
    async (req) => billing.getOwn(currentUser(req).id, req.params.id),
  );

  app.get(
    '/api/invoices/:id/pdf',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['billing'],
        summary: 'The invoice as a PDF (its owner or an admin)',
        security: [{ bearerAuth: [] }],
        params: ZId,
      },
    },
    async (req, reply) => {
      const { filename, body } = await billing.pdf(currentUser(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.get(
    '/api/admin/invoices',
    {
      onRequest: app.requireStaff('billing.read'),
      schema: {
        tags: ['admin'],
        summary: 'Every invoice: filter by status, number or e-mail, and issue date',
        security: [{ bearerAuth: [] }],
        querystring: ZAdminInvoiceQuery,
        response: { 200: listOf(ZAdminInvoice) },
      },
    },
    async (req) => billing.listForAdmin(req.query),
  );

  app.get(
    '/api/admin/invoices/export',
    {
      onRequest: app.requireStaff('billing.read'),
      schema: {
        tags: ['admin'],
        summary: 'CSV of the invoices issued and the transactions created in [from, to)',
        security: [{ bearerAuth: [] }],
        querystring: ZExportQuery,
      },
    },
    async (req, reply) => {
      // Data handed out cannot be taken back: the export is recorded before it is produced (#15-7).
      await auditOrFail(
        audit,
        req,
        'invoice.export',
        { type: 'invoice', id: null },
        {
          from: req.query.from.toISOString(),
          to: req.query.to.toISOString(),
        },
      );
      const csv = await billing.exportCsv(req.query.from, req.query.to);
      const name = `invoices-${req.query.from.toISOString().slice(0, 10)}-${req.query.to.toISOString().slice(0, 10)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csv);
    },
  );

  app.post(
    '/api/admin/invoices/:id/void',
    {
      onRequest: app.requireStaff('billing.manage'),
      schema: {
        tags: ['admin'],
        summary: 'Void an unpaid invoice',
        security: [{ bearerAuth: [] }],
        params: ZId,
        body: ZVoidRequest,
        response: { 200: ZInvoiceDetail },
      },
    },
    async (req) => {
      return billing.voidInvoice(req.params.id, (tx, invoice) =>
        auditAdmin(
          audit,
          req,
          'invoice.void',
          { type: 'invoice', id: invoice.id },
          { invoiceNumber: invoice.invoiceNumber, reason: req.body?.reason ?? null },
          tx,
        ),
      );
    },
  );

  app.post(
    '/api/admin/invoices/:id/mark-paid',
    {
      onRequest: app.requireStaff('billing.manage'),
      schema: {
        tags: ['admin'],
        summary: 'Record a manual payment (e.g. a bank transfer) of an issued or overdue invoice',
        security: [{ bearerAuth: [] }],
        params: ZId,
        body: ZMarkPaidRequest,
        response: { 200: ZInvoiceDetail },
      },
    },
    async (req) => {
      return lifecycle.payInvoice(
        req.params.id,
        { provider: 'bank_transfer', reference: req.body.reference },
        (tx, invoice) =>
          auditAdmin(
            audit,
            req,
            'invoice.mark_paid',
            { type: 'invoice', id: invoice.id },
            { invoiceNumber: invoice.invoiceNumber, reference: req.body.reference },
            tx,
          ),
      );
    },
  );
};

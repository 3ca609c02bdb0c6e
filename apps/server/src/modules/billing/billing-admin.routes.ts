import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin, auditOrFail } from '../../http/admin-audit.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { BillingAdmin } from './billing.admin.ts';
import type { BillingLifecycle } from './billing.lifecycle.ts';
import {
  ZAdminInvoice,
  ZAdminService,
  ZAdminTask,
  ZBillingSettings,
  ZCreditNoteRequest,
  ZInvoiceDetail,
  ZJobRun,
  ZTaskDoneRequest,
} from './billing.schemas.ts';
import type { BillingService } from './billing.service.ts';

const ZId = z.object({ id: z.uuid() });
const tags = ['admin'];
const security = [{ bearerAuth: [] }];

/** The operator's billing: credit notes, what needs attention, the lifecycle's tasks and runs, and its settings. */
export const billingAdminRoutes: FastifyPluginAsyncZod<{
  billing: BillingService;
  admin: BillingAdmin;
  lifecycle: BillingLifecycle;
  audit: AuditService;
}> = async (app, { billing, admin, lifecycle, audit }) => {
  app.post(
    '/api/admin/invoices/:id/credit-note',
    {
      onRequest: app.requireStaff('billing.manage'),
      schema: {
        tags,
        security,
        summary: 'Issue a credit note (all or part of a paid invoice), optionally recording the refund',
        params: ZId,
        body: ZCreditNoteRequest,
        response: { 201: ZInvoiceDetail },
      },
    },
    async (req, reply) => {
      const note = await billing.creditNote(req.params.id, req.body, {
        beforeGatewayRefund: () =>
          auditOrFail(
            audit,
            req,
            'invoice.refund_requested',
            { type: 'invoice', id: req.params.id },
            {
              amountMinor: req.body.amountMinor ?? null,
              reason: req.body.reason,
            },
          ),
        audited: (tx, created) =>
          auditAdmin(
            audit,
            req,
            'invoice.credit_note',
            { type: 'invoice', id: req.params.id },
            {
              creditNote: created.invoiceNumber,
              amountMinor: created.totalMinor,
              reason: req.body.reason,
              refund: req.body.refund ?? null,
            },
            tx,
          ),
      });
      return reply.code(201).send(note);
    },
  );

  app.get(
    '/api/admin/billing/overview',
    {
      onRequest: app.requireStaff('dashboard.read'),
      schema: {
        tags,
        security,
        summary:
          'Expiring services, overdue invoices, suspensions, terminations, cancellations, tasks and runs',
        response: {
          200: z.object({
            expiring: z.array(ZAdminService),
            overdueInvoices: z.array(ZAdminInvoice),
            suspended: z.array(ZAdminService),
            pendingTerminations: z.array(ZAdminService),
            cancellationsDue: z.array(ZAdminService),
            tasks: z.array(ZAdminTask),
            jobRuns: z.array(ZJobRun),
          }),
        },
      },
    },
    async () => admin.overview(),
  );

  app.post(
    '/api/admin/tasks/:id/done',
    {
      onRequest: app.requireStaff('orders.manage'),
      schema: {
        tags,
        security,
        summary: 'Mark an admin task done (e.g. the instance was cancelled at Contabo)',
        params: ZId,
        body: ZTaskDoneRequest,
        response: { 200: ZAdminTask },
      },
    },
    async (req) => {
      return admin.completeTask(req.params.id, req.body?.notes, currentUser(req).id, (tx, task) =>
        auditAdmin(audit, req, 'task.done', { type: 'admin_task', id: task.id }, { title: task.title }, tx),
      );
    },
  );

  app.post(
    '/api/admin/billing/run',
    {
      onRequest: app.requireStaff('billing.manage'),
      schema: {
        tags,
        security,
        summary: 'Run the billing lifecycle now (idempotent: a second run the same day does nothing more)',
        response: { 200: ZJobRun },
      },
    },
    async (req) => {
      // The run issues invoices, sends e-mails and may call Contabo over many transactions of its own: the intent is
      // recorded first, so a failed audit write stops the run before anything happens (#15-7).
      await auditOrFail(audit, req, 'billing.run', { type: 'job_run', id: null });
      const run = await lifecycle.runRecorded();
      await auditAdmin(
        audit,
        req,
        'billing.run.finished',
        { type: 'job_run', id: run.id },
        { counts: run.counts },
      );
      return run;
    },
  );

  app.get(
    '/api/admin/settings/billing',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: { tags, security, response: { 200: ZBillingSettings } },
    },
    async () => admin.readSettings(),
  );

  app.put(
    '/api/admin/settings/billing',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: {
        tags,
        security,
        summary: 'Invoice numbering, taxes, renewal, reminder, suspension and termination settings',
        body: ZBillingSettings.partial(),
        response: { 200: ZBillingSettings },
      },
    },
    async (req) => {
      return admin.updateSettings(req.body, currentUser(req).id, (tx) =>
        auditAdmin(audit, req, 'settings.billing', { type: 'settings', id: null }, { ...req.body }, tx),
      );
    },
  );
};

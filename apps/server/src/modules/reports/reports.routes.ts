import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZSalesQuery, ZSalesReport, ZTaxQuery, ZTaxReport } from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

/**
 * Sales/margin report and the tax report by country; `?format=csv` downloads the same numbers. (A string body with a
 * text/csv type is sent as is, not through the JSON response schema, hence the `as never` on those sends.)
 */
export const reportsRoutes: FastifyPluginAsyncZod<{ reports: ReportsService }> = async (app, { reports }) => {
  app.get(
    '/api/admin/reports/sales',
    {
      onRequest: app.requireStaff('dashboard.read'),
      schema: {
        tags,
        security,
        summary: 'Sales, credit notes, tax, Contabo cost and margin by period × dimension (JSON or CSV)',
        querystring: ZSalesQuery,
        response: { 200: ZSalesReport },
      },
    },
    async (req, reply) => {
      const report = await reports.sales(req.query);
      if (req.query.format !== 'csv') return report;
      const name = `sales-${report.from}-${report.to}-${report.group}-${report.dimension}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reports.salesCsv(report) as never);
    },
  );

  app.get(
    '/api/admin/reports/tax',
    {
      onRequest: app.requireStaff('dashboard.read'),
      schema: {
        tags,
        security,
        summary: 'Tax collected by bill-to country, net of credit notes (JSON or CSV)',
        querystring: ZTaxQuery,
        response: { 200: ZTaxReport },
      },
    },
    async (req, reply) => {
      const report = await reports.tax(req.query);
      if (req.query.format !== 'csv') return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tax-${report.from}-${report.to}.csv"`)
        .send(reports.taxCsv(report) as never);
    },
  );
};

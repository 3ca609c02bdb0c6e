import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZDashboard } from './dashboard.schemas.ts';
import type { DashboardService } from './dashboard.service.ts';

/** `GET /api/admin/dashboard`: figures, chart series and alerts for the admin's home ("Panel"). */
export const dashboardRoutes: FastifyPluginAsyncZod<{ dashboard: DashboardService }> = async (
  app,
  { dashboard },
) => {
  app.get(
    '/api/admin/dashboard',
    {
      onRequest: app.requireStaff('dashboard.read'),
      schema: {
        tags: ['admin'],
        summary: 'Console figures (with the previous period), chart series and alerts',
        security: [{ bearerAuth: [] }],
        response: { 200: ZDashboard },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store');
      return dashboard.get();
    },
  );
};

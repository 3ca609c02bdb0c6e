import { PASSWORD_RESET_JOB } from '../modules/auth/auth.service.ts';
import { createCustomersRepo } from '../modules/customers/customers.repo.ts';
import { createCustomersService } from '../modules/customers/customers.service.ts';
import { createDashboardRepo } from '../modules/dashboard/dashboard.repo.ts';
import { createDashboardService, type TicketsFigures } from '../modules/dashboard/dashboard.service.ts';
import { createReportsRepo } from '../modules/reports/reports.repo.ts';
import { createReportsService } from '../modules/reports/reports.service.ts';
import { createStaffRepo } from '../modules/staff/staff.repo.ts';
import { createStaffService } from '../modules/staff/staff.service.ts';
import { createTicketsFigures } from '../modules/tickets/tickets.figures.ts';
import type { wireAuth } from './auth.ts';
import type { wireFulfilment } from './fulfilment.ts';
import type { Platform } from './platform.ts';

/** The operator console: sales reports, the dashboard, the customers console and staff management. */
export function wireConsole(
  p: Platform,
  { tokens, authLibrary }: ReturnType<typeof wireAuth>,
  fulfilment: ReturnType<typeof wireFulfilment>,
  ticketsFigures: TicketsFigures | undefined,
) {
  const { db, settings, clock, logger, audit, jobs } = p;
  const reports = createReportsService({ repo: createReportsRepo(db), settings });
  const dashboard = createDashboardService({
    repo: createDashboardRepo(db),
    reports,
    settings,
    clock,
    logger,
    unassignedInstances: async () => {
      const { items } = await fulfilment.inventory(false);
      return { count: items.length, ids: items.map((i) => i.instanceId) };
    },
    tickets: ticketsFigures ?? createTicketsFigures(db),
  });
  const customers = createCustomersService({
    repo: createCustomersRepo(db),
    reports,
    settings,
    audit,
    tokens,
    clock,
    sendPasswordReset: async (email) => {
      await jobs.enqueue(PASSWORD_RESET_JOB, { email });
    },
  });
  const staff = createStaffService({ repo: createStaffRepo(db), auth: authLibrary, audit, settings });
  return { reports, dashboard, customers, staff };
}

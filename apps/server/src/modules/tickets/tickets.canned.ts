import { notFound } from '../../lib/errors.ts';
import type { CannedRow, TicketsRepo } from './tickets.repo.ts';

export interface CannedContext {
  customer: { firstName: string; lastName: string; name: string; email: string } | null;
  ticket: { number: string; subject: string };
  vps: { name: string; ip: string } | null;
  staff: { firstName: string; name: string };
  companyName: string;
}

/** The variables a canned response may use, documented for the picker. */
export const CANNED_VARIABLES = [
  'customer.firstName',
  'customer.lastName',
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.subject',
  'vps.name',
  'vps.ip',
  'staff.firstName',
  'staff.name',
  'company.name',
] as const;

/**
 * Fills `{{customer.firstName}}`-style variables with this ticket's values. The result is plain text (never HTML), so
 * nothing needs escaping; an unknown variable is left as written so staff notices it before sending.
 */
export function renderCannedResponse(body: string, ctx: CannedContext): string {
  const values: Record<(typeof CANNED_VARIABLES)[number], string> = {
    'customer.firstName': ctx.customer?.firstName || ctx.customer?.name || '',
    'customer.lastName': ctx.customer?.lastName ?? '',
    'customer.name': ctx.customer?.name ?? '',
    'customer.email': ctx.customer?.email ?? '',
    'ticket.number': ctx.ticket.number,
    'ticket.subject': ctx.ticket.subject,
    'vps.name': ctx.vps?.name ?? '',
    'vps.ip': ctx.vps?.ip ?? '',
    'staff.firstName': ctx.staff.firstName || ctx.staff.name,
    'staff.name': ctx.staff.name,
    'company.name': ctx.companyName,
  };
  return body.replace(/\{\{\s*([A-Za-z]+\.[A-Za-z]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? values[name as keyof typeof values] : whole,
  );
}

const present = (r: CannedRow) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  department: r.department,
  updatedAt: r.updatedAt,
});

interface CannedInput {
  title: string;
  body: string;
  department?: string | null;
}

/** Canned responses CRUD (staff only, guarded by the routes). */
export function createCannedResponsesService({ repo }: { repo: TicketsRepo }) {
  return {
    list: async () => (await repo.canned.list()).map(present),
    create: async (staffId: string, input: CannedInput) =>
      present(
        await repo.canned.insert({
          title: input.title.trim(),
          body: input.body,
          department: input.department ?? null,
          createdBy: staffId,
        }),
      ),
    async update(id: string, input: CannedInput) {
      const row = await repo.canned.update(id, {
        title: input.title.trim(),
        body: input.body,
        department: input.department ?? null,
      });
      if (!row) throw notFound('Canned response');
      return present(row);
    },
    async remove(id: string) {
      if (!(await repo.canned.remove(id))) throw notFound('Canned response');
    },
  };
}

export type CannedResponsesService = ReturnType<typeof createCannedResponsesService>;

import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { offsetOf } from '../../lib/pagination.ts';
import type { AuditService, RequestMeta } from '../../audit/audit.service.ts';
import type { AccessTokens } from '../auth/auth.tokens.ts';
import { csvRow } from '../billing/billing.compute.ts';
import { decimalOf, type ReportsService } from '../reports/reports.service.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { assertCustomer } from './customers.policy.ts';
import type { CustomerListRow, CustomersRepo } from './customers.repo.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import type {
  TCustomerDetail,
  TCustomerListItem,
  TCustomerListQuery,
  TProfilePatch,
} from './customers.schemas.ts';

/** A "view as customer" token lives this long (and its session with it). */
export const VIEW_AS_MINUTES = 15;
/** CSV exports stop here (a spreadsheet, not a backup). */
const CSV_MAX_ROWS = 50_000;
const EPOCH = new Date('2000-01-01T00:00:00Z');

export interface Staff {
  id: string;
  role: string;
  meta: RequestMeta;
}

export interface CustomersDeps {
  repo: CustomersRepo;
  reports: ReportsService;
  settings: SettingsService;
  audit: AuditService;
  tokens: Pick<AccessTokens, 'issue'>;
  clock: Clock;
  /** Queues the password-reset e-mail (the same job as "forgot password"). */
  sendPasswordReset: (email: string) => Promise<void>;
}

const toDate = (v: string | Date) => new Date(v);

function presentListRow(r: CustomerListRow): TCustomerListItem {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    phone: r.phone,
    country: r.country,
    emailVerified: r.email_verified,
    banned: Boolean(r.banned),
    createdAt: toDate(r.created_at),
    lastLoginAt: r.last_login_at ? toDate(r.last_login_at) : null,
    services: Number(r.services),
    activeServices: Number(r.active_services),
    spendMinor: Number(r.spend ?? 0),
  };
}

/**
 * The customers console: list, detail and the staff actions on one customer. Every action is audited against the
 * customer (`entity user:<id>`) with who did it and from where; staff accounts are out of reach (policy).
 */
export function createCustomersService(deps: CustomersDeps) {
  const { repo, settings, audit, clock } = deps;

  async function customer(id: string) {
    return assertCustomer(await repo.findCustomer(id));
  }

  function record(
    staff: Staff,
    action: string,
    userId: string,
    metadata: Record<string, unknown> = {},
    tx?: DbOrTx,
  ) {
    return audit.record(
      {
        actorId: staff.id,
        actorRole: staff.role,
        action,
        entityType: 'user',
        entityId: userId,
        ip: staff.meta.ip,
        userAgent: staff.meta.userAgent,
        requestId: staff.meta.requestId,
        metadata,
      },
      tx,
    );
  }

  /** A staff action and its audit row in one transaction: if the row cannot be written, nothing changed (#15-7). */
  function audited<T>(
    staff: Staff,
    action: string,
    userId: string,
    act: (tx: Tx) => Promise<T>,
    metadata: (result: T) => Record<string, unknown> = () => ({}),
  ): Promise<T> {
    return repo.transaction(async (tx) => {
      const result = await act(tx);
      await record(staff, action, userId, metadata(result), tx);
      return result;
    });
  }

  async function money() {
    const s = await settings.getMany(['store.currency', 'reports.exchangeRates']);
    return { base: s['store.currency'], rates: s['reports.exchangeRates'] };
  }

  return {
    async list(q: TCustomerListQuery) {
      const m = await money();
      const rows = await repo.list(q, { limit: q.pageSize, offset: offsetOf(q) }, m);
      return { items: rows.map(presentListRow), total: rows[0]?.total ?? 0, currency: m.base };
    },

    async exportCsv(q: TCustomerListQuery, staff: Staff): Promise<string> {
      const m = await money();
      const rows = (await repo.list(q, { limit: CSV_MAX_ROWS, offset: 0 }, m)).map(presentListRow);
      await record(staff, 'customer.export', 'all', { rows: rows.length, filter: q.filter ?? null });
      const header = csvRow([
        'id',
        'email',
        'name',
        'phone',
        'country',
        'created_at',
        'last_login_at',
        'email_verified',
        'banned',
        'services',
        'active_services',
        'currency',
        'spend',
      ]);
      const lines = rows.map((r) =>
        csvRow([
          r.id,
          r.email,
          r.name,
          r.phone,
          r.country,
          r.createdAt,
          r.lastLoginAt,
          r.emailVerified,
          r.banned,
          r.services,
          r.activeServices,
          m.base,
          decimalOf(r.spendMinor, m.base),
        ]),
      );
      return [header, ...lines].join('\r\n') + '\r\n';
    },

    async detail(id: string): Promise<TCustomerDetail> {
      const user = await customer(id);
      const now = clock.now();
      const parts = await repo.detailParts(id, now);
      const lifetime = await deps.reports.slices(
        EPOCH,
        new Date(now.getTime() + 86_400_000),
        'none',
        'none',
        id,
      );
      const total = deps.reports.totalOf(lifetime.rows);
      return {
        profile: {
          id: user.id,
          email: user.email,
          name: user.name,
          firstName: user.firstName,
          lastName: user.lastName,
          phone: user.phone,
          language: user.language,
          country: user.country,
          companyName: user.companyName,
          taxId: user.taxId,
          addressLine1: user.addressLine1,
          addressLine2: user.addressLine2,
          city: user.city,
          state: user.state,
          postalCode: user.postalCode,
          emailVerified: user.emailVerified,
          twoFactorEnabled: Boolean(user.twoFactorEnabled),
          banned: Boolean(user.banned),
          banReason: user.banReason,
          createdAt: user.createdAt,
          lastLoginAt: user.lastLoginAt,
        },
        services: parts.services,
        orders: parts.orders,
        invoices: parts.invoices,
        transactions: parts.transactions,
        tickets: parts.tickets,
        sshKeyCount: Number(parts.sshKeyCount),
        sessions: parts.sessions.map(({ impersonatedBy, ...s }) => ({
          ...s,
          viewAs: Boolean(impersonatedBy),
        })),
        lifetime: {
          currency: lifetime.currency,
          netMinor: total.netMinor,
          taxMinor: total.taxMinor,
          costMinor: total.costMinor,
          marginMinor: total.marginMinor,
        },
        notes: parts.notes,
        audit: parts.audit.map((a) => ({
          id: a.id,
          action: a.action,
          actorId: a.actorId,
          actorRole: a.actorRole,
          direction: a.actorId === id ? ('by' as const) : ('to' as const),
          ipAddress: a.ipAddress,
          metadata: a.metadata,
          createdAt: a.createdAt,
        })),
      };
    },

    async updateProfile(staff: Staff, id: string, patch: TProfilePatch) {
      const user = await customer(id);
      await audited(
        staff,
        'customer.profile.update',
        id,
        (tx) => repo.updateProfile(tx, id, patch, user),
        () => ({ fields: Object.keys(patch) }),
      );
      return { ok: true as const };
    },

    async markVerified(staff: Staff, id: string) {
      await customer(id);
      await audited(staff, 'customer.email.verify', id, (tx) => repo.markVerified(tx, id));
      return { ok: true as const };
    },

    async sendPasswordReset(staff: Staff, id: string) {
      const user = await customer(id);
      await deps.sendPasswordReset(user.email);
      await record(staff, 'customer.password.reset-sent', id);
      return { ok: true as const };
    },

    async resetTwoFactor(staff: Staff, id: string) {
      const user = await customer(id);
      if (!user.twoFactorEnabled) throw new AppError('conflict', 'Two-factor authentication is not on');
      await audited(staff, 'customer.two-factor.reset', id, (tx) => repo.resetTwoFactor(tx, id));
      return { ok: true as const };
    },

    async ban(staff: Staff, id: string, reason: string) {
      await customer(id);
      const sessionsEnded = await audited(
        staff,
        'customer.ban',
        id,
        (tx) => repo.ban(tx, id, reason),
        (ended) => ({ reason, sessionsEnded: ended }),
      );
      return { ok: true as const, sessionsEnded };
    },

    async unban(staff: Staff, id: string) {
      await customer(id);
      await audited(staff, 'customer.unban', id, (tx) => repo.unban(tx, id));
      return { ok: true as const };
    },

    async revokeSessions(staff: Staff, id: string) {
      await customer(id);
      const sessionsEnded = await audited(
        staff,
        'customer.sessions.revoke',
        id,
        (tx) => repo.revokeSessions(tx, id),
        (ended) => ({ sessionsEnded: ended }),
      );
      return { ok: true as const, sessionsEnded };
    },

    async addNote(staff: Staff, id: string, body: string) {
      await customer(id);
      await audited(
        staff,
        'customer.note.add',
        id,
        (tx) => repo.addNote(tx, id, staff.id, body),
        (note) => ({ noteId: note.id }),
      );
      return { ok: true as const };
    },

    /** A short-lived, read-only access token for this customer's panel (refused on every non-GET route). */
    async viewAs(staff: Staff, id: string) {
      const user = await customer(id);
      if (user.banned) throw new AppError('conflict', 'This customer is banned: unban them first');
      const expiresAt = new Date(clock.now().getTime() + VIEW_AS_MINUTES * 60_000);
      const session = await repo.createViewSession({
        userId: id,
        staffId: staff.id,
        expiresAt,
        ipAddress: staff.meta.ip,
        userAgent: staff.meta.userAgent,
      });
      const { accessToken } = await deps.tokens.issue({ sub: id, sid: session.id, role: 'customer' });
      await record(staff, 'customer.view-as', id, {
        sessionId: session.id,
        expiresAt: expiresAt.toISOString(),
      });
      return { accessToken, expiresAt, userId: id };
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;

import { generatePassword } from '../../lib/crypto.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { AuditService, RequestMeta } from '../../audit/audit.service.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { AuthUser } from '../auth/auth.authenticator.ts';
import type { AuthLibrary } from '../auth/auth.library.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES, isStaffRole } from '../auth/permissions.ts';
import type { StaffRepo, StaffRow } from './staff.repo.ts';
import type { TStaffInvite, TStaffMember, TStaffSecurity, TStaffUpdate } from './staff.schemas.ts';

function present(row: StaffRow): TStaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isStaffRole(row.role) ? row.role : 'support',
    disabled: Boolean(row.banned),
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    hasLoggedIn: row.lastLoginAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Staff management: invite by e-mail (the account is created with an unusable random password and the member gets a
 * set-password link: the password-reset flow, with the invitation wording while they have never logged in), change a
 * role, disable or re-enable. There is always at least one enabled administrator, and nobody changes their own access.
 */
const origin = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId });

export function createStaffService(deps: {
  repo: StaffRepo;
  auth: AuthLibrary;
  audit: AuditService;
  settings: SettingsService;
}) {
  const { repo, auth, audit, settings } = deps;

  /**
   * Changes a member unless it would leave no enabled administrator: the check and the write share one transaction
   * that holds a lock on the admin rows, so two parallel demotions cannot both pass.
   */
  function changeMember(
    id: string,
    values: { role?: string; banned?: boolean },
    audit: (tx: DbOrTx) => Promise<void>,
  ): Promise<'ok' | 'last_admin'> {
    return repo.transaction(async (tx) => {
      await repo.lockAdmins(tx);
      const row = await repo.find(id, tx);
      if (!row) return 'ok';
      const losesAdmin =
        row.role === 'admin' && (values.role === 'support' || values.banned === true) && !row.banned;
      if (losesAdmin && !(await repo.anotherEnabledAdmin(tx, id))) return 'last_admin';
      await repo.update(tx, id, values);
      if (values.banned) await repo.endSessions(tx, id);
      // The audit row commits with the change or the change does not happen (#15-7).
      await audit(tx);
      return 'ok';
    });
  }

  async function sendSetPasswordLink(email: string) {
    await auth.api.requestPasswordReset({ body: { email } });
  }

  return {
    async security(): Promise<TStaffSecurity> {
      return { requireTwoFactor: await settings.get('security.requireAdmin2fa') };
    },

    async setSecurity(actor: AuthUser, input: TStaffSecurity, meta: RequestMeta): Promise<TStaffSecurity> {
      // Turning it on without 2FA of one's own would lock this admin out of the page that turns it off again.
      if (input.requireTwoFactor && !actor.twoFactorEnabled) {
        throw new AppError('conflict', 'Turn on two-factor authentication on your own account first', {
          reason: 'own_two_factor_required',
        });
      }
      await settings.setMany([['security.requireAdmin2fa', input.requireTwoFactor]], actor.id, (tx) =>
        audit.recordFor(
          meta,
          {
            actorId: actor.id,
            actorRole: actor.role,
            action: 'settings.staff-security.updated',
            entityType: 'settings',
            entityId: null,
            metadata: { requireTwoFactor: input.requireTwoFactor },
          },
          tx,
        ),
      );
      return { requireTwoFactor: input.requireTwoFactor };
    },

    async list() {
      return {
        items: (await repo.list()).map(present),
        permissions: [...PERMISSIONS],
        roles: Object.fromEntries(
          STAFF_ROLES.map((r) => [r, PERMISSIONS.filter((p) => ROLE_PERMISSIONS[r].has(p))]),
        ),
      };
    },

    async invite(actor: AuthUser, input: TStaffInvite, meta: RequestMeta): Promise<TStaffMember> {
      const ctx = await auth.$context;
      const email = input.email.toLowerCase();
      if (await ctx.internalAdapter.findUserByEmail(email)) {
        throw new AppError('email_taken', 'There is already an account with this e-mail address.', {
          field: 'body.email',
        });
      }
      // The account is created through the auth library and an e-mail is sent, outside any transaction of ours: the
      // intent is recorded first, and a failed write stops the invitation before anything happens (#15-7).
      await audit.recordOrFail({
        ...origin(meta),
        actorId: actor.id,
        actorRole: actor.role,
        action: 'staff.invited',
        entityType: 'user',
        entityId: null,
        metadata: { email, role: input.role },
      });
      const name = [input.firstName, input.lastName].filter(Boolean).join(' ') || email.split('@')[0]!;
      const user = await ctx.internalAdapter.createUser(
        {
          email,
          name,
          firstName: input.firstName,
          lastName: input.lastName,
          emailVerified: true,
          role: input.role,
          language: input.language,
        },
        { method: 'email-password' },
      );
      await ctx.internalAdapter.linkAccount({
        userId: user.id,
        providerId: 'credential',
        accountId: user.id,
        password: await ctx.password.hash(generatePassword(32)),
      });
      await sendSetPasswordLink(email);
      return present((await repo.find(user.id))!);
    },

    async update(actor: AuthUser, id: string, input: TStaffUpdate, meta: RequestMeta): Promise<TStaffMember> {
      const row = await repo.find(id);
      if (!row || !isStaffRole(row.role)) throw notFound('Staff member');
      if (row.id === actor.id) {
        throw new AppError(
          'forbidden',
          'You cannot change your own role or access; ask another administrator.',
        );
      }
      const outcome = await changeMember(
        id,
        {
          ...(input.role ? { role: input.role } : {}),
          ...(input.disabled !== undefined ? { banned: input.disabled } : {}),
        },
        (tx) =>
          audit.recordFor(
            meta,
            {
              actorId: actor.id,
              actorRole: actor.role,
              action: 'staff.updated',
              entityType: 'user',
              entityId: id,
              metadata: { from: { role: row.role, disabled: Boolean(row.banned) }, to: input },
            },
            tx,
          ),
      );
      if (outcome === 'last_admin') {
        throw new AppError('conflict', 'There must always be at least one enabled administrator.');
      }
      return present((await repo.find(id))!);
    },

    /** Sends the set-password link again (it lasts one hour, like any reset link). */
    async resendInvite(actor: AuthUser, id: string, meta: RequestMeta): Promise<void> {
      const row = await repo.find(id);
      if (!row || !isStaffRole(row.role)) throw notFound('Staff member');
      if (row.banned) throw new AppError('conflict', 'This staff member is disabled.');
      // An e-mail cannot be unsent: the intent is recorded first (#15-7).
      await audit.recordOrFail({
        ...origin(meta),
        actorId: actor.id,
        actorRole: actor.role,
        action: 'staff.invite_resent',
        entityType: 'user',
        entityId: id,
      });
      await sendSetPasswordLink(row.email);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;

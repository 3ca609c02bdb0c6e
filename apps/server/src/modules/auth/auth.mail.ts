import { decodeJwt } from 'jose';
import type { MailService } from '../notifications/mail.service.ts';
import type { AuthMailHooks } from './auth.library.ts';
import type { AuthRepo } from './auth.repo.ts';

/** better-auth's verification tokens are JWTs; an e-mail change carries `updateTo`. */
function isEmailChange(token: string): boolean {
  try {
    return typeof decodeJwt(token).updateTo === 'string';
  } catch {
    return false;
  }
}

/** The e-mails better-auth asks for, as outbox messages whose links land on the web app's pages. */
export function authMailHooks({
  mail,
  repo,
  appUrl,
}: {
  mail: MailService;
  repo: AuthRepo;
  appUrl: string;
}): AuthMailHooks {
  async function recipient(userId: string) {
    const row = await repo.findUserById(userId);
    return {
      name: row?.firstName ?? '',
      language: row?.language ?? 'es',
      // An invited staff member who never logged in gets the link worded as an invitation.
      invited: Boolean(row && row.role !== 'customer' && row.lastLoginAt === null),
    };
  }
  return {
    async verificationEmail(user, token) {
      const { name, language } = await recipient(user.id);
      const change = isEmailChange(token);
      await mail.queue({
        to: user.email,
        userId: user.id,
        language,
        template: change ? 'email-change' : 'verify-email',
        data: { name, link: `${appUrl}/verify-email/${encodeURIComponent(token)}` },
      });
    },
    async passwordResetEmail(user, token) {
      const { name, language, invited } = await recipient(user.id);
      await mail.queue({
        to: user.email,
        userId: user.id,
        language,
        template: invited ? 'staff-invite' : 'reset-password',
        data: { name, link: `${appUrl}/reset-password/${encodeURIComponent(token)}` },
      });
    },
  };
}

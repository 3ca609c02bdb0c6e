import type { RateLimiter } from '../http/rate-limit.ts';
import { createAccountService } from '../modules/account/account.service.ts';
import { createSshKeysRepo } from '../modules/account/ssh-keys.repo.ts';
import { createSshKeysService } from '../modules/account/ssh-keys.service.ts';
import { createTwoFactorService } from '../modules/account/two-factor.service.ts';
import { createAuthenticator } from '../modules/auth/auth.authenticator.ts';
import { createAuthLibrary, sessionCookieSettings } from '../modules/auth/auth.library.ts';
import { authMailHooks } from '../modules/auth/auth.mail.ts';
import { createAuthRepo } from '../modules/auth/auth.repo.ts';
import { createSessionCache } from '../modules/auth/auth.session-cache.ts';
import { createAuthService } from '../modules/auth/auth.service.ts';
import { createSessionTokenCodec } from '../modules/auth/auth.token-hash.ts';
import { createAccessTokens } from '../modules/auth/auth.tokens.ts';
import { createLegalRepo } from '../modules/legal/legal.repo.ts';
import { createLegalService, type LegalService } from '../modules/legal/legal.service.ts';
import type { Platform } from './platform.ts';

/** The legal documents (accepted at registration and at checkout). */
export function wireLegal({ db }: Platform) {
  return createLegalService({ repo: createLegalRepo(db) });
}

/** better-auth and the services around it: authentication, registration and sessions, the account pages. */
export function wireAuth(p: Platform, { limiter, legal }: { limiter: RateLimiter; legal: LegalService }) {
  const { config, secrets, db, clock, logger, mail, audit, jobs, settings, events } = p;
  const authRepo = createAuthRepo(db);
  const sessionTokens = createSessionTokenCodec(secrets.jwtSecret);
  const authLibrary = createAuthLibrary({
    sessionTokens,
    db,
    config,
    secret: secrets.jwtSecret,
    logger,
    mail: authMailHooks({ mail, repo: authRepo, appUrl: config.appUrl }),
  });
  const tokens = createAccessTokens({
    auth: authLibrary,
    clock,
    issuer: config.appUrl,
    ttlSeconds: config.JWT_EXPIRES_IN,
  });
  const authenticator = createAuthenticator({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    clock,
    sessionTokens,
    sessions: createSessionCache({ repo: authRepo, changes: events, clock }),
    cookieSessions: sessionCookieSettings(config),
  });
  // A security notice after every password change or reset, in the user's language.
  const notifyPasswordChanged = async (who: { id: string; email: string }) => {
    const user = await authRepo.findUserById(who.id);
    if (!user) return;
    await mail.queue({
      to: user.email,
      userId: user.id,
      language: user.language,
      template: 'password-changed',
      data: {
        name: user.firstName || user.name,
        when: clock.now().toISOString().slice(0, 16).replace('T', ' '),
        link: `${config.appUrl}/forgot-password`,
      },
    });
  };
  const auth = createAuthService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    authenticator,
    limiter,
    audit,
    jobs,
    clock,
    secureCookies: config.appUrl.startsWith('https://'),
    notifyPasswordChanged,
    acceptLegal: (accepted) => legal.assertAccepted('registration', accepted),
  });
  const account = createAccountService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    audit,
    clock,
    notifyPasswordChanged,
    limiter,
  });
  const twoFactor = createTwoFactorService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    audit,
    limiter,
    settings,
  });
  const sshKeys = createSshKeysService({ repo: createSshKeysRepo(db), audit });
  return { authRepo, authLibrary, tokens, authenticator, auth, account, twoFactor, sshKeys };
}

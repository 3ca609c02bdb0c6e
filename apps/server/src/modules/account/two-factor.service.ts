import { RULES, type RateLimiter } from '../../http/rate-limit.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { libraryHeaders, sessionTokenFromCookies, viaLibrary } from '../auth/auth.bridge.ts';
import type { AuthLibrary } from '../auth/auth.library.ts';
import type { AuthRepo } from '../auth/auth.repo.ts';
import { TOTP_REPLAY_WINDOW_MS, type WithCookies } from '../auth/auth.service.ts';
import type { AccessTokens } from '../auth/auth.tokens.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { TSessionTokens } from './account.schemas.ts';
import { createSelfAudit, createSessionIssuer, type Caller } from './account.service.ts';

/**
 * TOTP (RFC 6238) with recovery codes, through better-auth's twoFactor plugin: the secret and the codes are stored
 * encrypted by the library. Enabling or disabling rotates the session, so both answer with fresh tokens.
 */
export function createTwoFactorService({
  auth,
  repo,
  tokens,
  audit,
  limiter,
  settings,
}: {
  auth: AuthLibrary;
  repo: AuthRepo;
  tokens: AccessTokens;
  audit: AuditService;
  limiter: RateLimiter;
  settings: SettingsService;
}) {
  const issue = createSessionIssuer({ repo, tokens });
  const headersOf = (caller: Caller) => libraryHeaders(caller.meta, { sessionToken: caller.sessionToken });
  const record = createSelfAudit(audit);

  async function checkCode(caller: Caller, code: string) {
    await limiter.consume(RULES.twoFactor, caller.user.id);
    // better-auth checks the code against `Date`, so the replay window is measured on the same clock.
    if (!(await repo.claimTotpCode(caller.user.id, code.trim(), new Date(), TOTP_REPLAY_WINDOW_MS))) {
      throw new AppError('invalid_two_factor_code', 'This code was already used. Wait for the next one.');
    }
    return viaLibrary(() =>
      auth.api.verifyTOTP({ body: { code }, headers: headersOf(caller), returnHeaders: true }),
    );
  }

  return {
    /** Step 1 (needs the password): a new secret, its otpauth URI (QR in the web app) and the recovery codes. */
    async setup(caller: Caller, password: string) {
      await limiter.consume(RULES.passwordReentry, caller.user.id);
      if (caller.user.twoFactorEnabled)
        throw new AppError('conflict', 'Two-factor authentication is already enabled.');
      const issuer = await settings.get('company.name');
      const result = await viaLibrary(() =>
        auth.api.enableTwoFactor({ body: { password, issuer }, headers: headersOf(caller) }),
      );
      if (!('totpURI' in result) || !result.totpURI)
        throw new AppError('internal_error', 'No TOTP secret was created');
      await record(caller, 'account.2fa_setup_started');
      return {
        secret: new URL(result.totpURI).searchParams.get('secret') ?? '',
        otpauthUri: result.totpURI,
        recoveryCodes: result.backupCodes ?? [],
      };
    },

    /** Step 2: a valid code from the app turns 2FA on. */
    async enable(
      caller: Caller,
      code: string,
    ): Promise<WithCookies<TSessionTokens & { twoFactorEnabled: boolean }>> {
      if (caller.user.twoFactorEnabled)
        throw new AppError('conflict', 'Two-factor authentication is already enabled.');
      const result = await checkCode(caller, code);
      await record(caller, 'account.2fa_enabled');
      // The library rotated the session: the new token is in its cookie (the body still names the old one).
      const cookies = result.headers.getSetCookie();
      const issued = await issue(sessionTokenFromCookies(cookies) ?? result.response.token, cookies);
      return { body: { ...issued.body, twoFactorEnabled: true }, cookies: issued.cookies };
    },

    /** Needs the password and a current code. */
    async disable(
      caller: Caller,
      body: { password: string; code: string },
    ): Promise<WithCookies<TSessionTokens & { twoFactorEnabled: boolean }>> {
      if (!caller.user.twoFactorEnabled)
        throw new AppError('bad_request', 'Two-factor authentication is not enabled.');
      await limiter.consume(RULES.passwordReentry, caller.user.id);
      await checkCode(caller, body.code);
      const result = await viaLibrary(() =>
        auth.api.disableTwoFactor({
          body: { password: body.password },
          headers: headersOf(caller),
          returnHeaders: true,
        }),
      );
      await record(caller, 'account.2fa_disabled');
      const cookies = result.headers.getSetCookie();
      const issued = await issue(sessionTokenFromCookies(cookies), cookies);
      return { body: { ...issued.body, twoFactorEnabled: false }, cookies: issued.cookies };
    },

    /** New recovery codes (the old ones stop working); needs the password. */
    async regenerateRecoveryCodes(caller: Caller, password: string): Promise<{ recoveryCodes: string[] }> {
      if (!caller.user.twoFactorEnabled)
        throw new AppError('bad_request', 'Two-factor authentication is not enabled.');
      await limiter.consume(RULES.passwordReentry, caller.user.id);
      const result = await viaLibrary(() =>
        auth.api.generateBackupCodes({ body: { password }, headers: headersOf(caller) }),
      );
      await record(caller, 'account.2fa_recovery_codes_regenerated');
      return { recoveryCodes: result.backupCodes };
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

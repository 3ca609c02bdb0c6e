import { describe, expect, it } from 'vitest';
import { CONFIRMED, confirmedAction, customerButtons, isConfirmed, viewAsPath } from './customerRules.ts';

const profile = (
  extra: Partial<{ emailVerified: boolean; twoFactorEnabled: boolean; banned: boolean }> = {},
) => ({
  emailVerified: true,
  twoFactorEnabled: false,
  banned: false,
  ...extra,
});

describe('customer page rules', () => {
  it('offers the everyday actions to a verified customer in good standing', () => {
    expect(customerButtons(profile())).toEqual([
      'edit',
      'password-reset',
      'sessions/revoke',
      'view-as',
      'ban',
    ]);
  });

  it('adds verify for an unverified address and the 2FA reset when 2FA is on', () => {
    expect(customerButtons(profile({ emailVerified: false, twoFactorEnabled: true }))).toEqual([
      'edit',
      'verify',
      'password-reset',
      'two-factor/reset',
      'sessions/revoke',
      'view-as',
      'ban',
    ]);
  });

  it('offers unban instead of ban, and no view-as, for a banned customer', () => {
    const buttons = customerButtons(profile({ banned: true }));
    expect(buttons).toContain('unban');
    expect(buttons).not.toContain('ban');
    expect(buttons).not.toContain('view-as');
  });

  it('asks before the confirmed actions only; the 2FA reset is the destructive one', () => {
    expect(customerButtons(profile({ twoFactorEnabled: true, banned: true })).filter(isConfirmed)).toEqual([
      'password-reset',
      'two-factor/reset',
      'sessions/revoke',
      'unban',
    ]);
    expect(isConfirmed('ban')).toBe(false);
    expect(isConfirmed('verify')).toBe(false);
    expect(
      Object.entries(CONFIRMED)
        .filter(([, c]) => c.danger)
        .map(([k]) => k),
    ).toEqual(['two-factor/reset']);
    expect(confirmedAction('unban')).toEqual({ kind: 'unban' });
  });

  it('puts the view-as token in the hash of the address', () => {
    const path = viewAsPath({ accessToken: 'tok en', expiresAt: '2026-12-06T23:00:00.000Z' }, 'a+b@x.es');
    expect(path.startsWith('/view-as#')).toBe(true);
    const params = new URLSearchParams(path.slice('/view-as#'.length));
    expect(params.get('token')).toBe('tok en');
    expect(params.get('expires')).toBe('2026-12-06T23:00:00.000Z');
    expect(params.get('email')).toBe('a+b@x.es');
  });
});

// The customer page's pure rules: which staff actions a customer's state offers, in which order, and what each asks.
import type { ParseKeys } from 'i18next';
import type { CustomerAction, CustomerDetail } from '../../../../api/console.ts';

type Profile = Pick<CustomerDetail['profile'], 'emailVerified' | 'twoFactorEnabled' | 'banned'>;

/** Actions that run only after a confirmation dialog (the ban asks for a reason in its own dialog). */
export type ConfirmedKind = 'password-reset' | 'two-factor/reset' | 'sessions/revoke' | 'unban';

/** Each confirmed action: its button and dialog title, the dialog's sentence, and whether it is destructive. */
export const CONFIRMED: Record<ConfirmedKind, { label: ParseKeys; text: ParseKeys; danger?: boolean }> = {
  'password-reset': { label: 'console.customer.reset', text: 'console.customer.confirm.reset' },
  'two-factor/reset': {
    label: 'console.customer.twoFactorReset',
    text: 'console.customer.confirm.twoFactor',
    danger: true,
  },
  'sessions/revoke': { label: 'console.customer.revoke', text: 'console.customer.confirm.revoke' },
  unban: { label: 'console.customer.unban', text: 'console.customer.confirm.unban' },
};

export type CustomerButton = 'edit' | 'verify' | 'view-as' | 'ban' | ConfirmedKind;

/** The action buttons a customer's state offers, in the order the page shows them. */
export function customerButtons(profile: Profile): CustomerButton[] {
  const buttons: Array<CustomerButton | false> = [
    'edit',
    !profile.emailVerified && 'verify',
    'password-reset',
    profile.twoFactorEnabled && 'two-factor/reset',
    'sessions/revoke',
    !profile.banned && 'view-as',
    profile.banned ? 'unban' : 'ban',
  ];
  return buttons.filter((b): b is CustomerButton => b !== false);
}

export function isConfirmed(button: CustomerButton): button is ConfirmedKind {
  return button in CONFIRMED;
}

export function confirmedAction(kind: ConfirmedKind): CustomerAction {
  return { kind };
}

/** The view-as tab's address: the token travels in the hash, so it never reaches a server log. */
export function viewAsPath(session: { accessToken: string; expiresAt: string }, email: string): string {
  const hash = new URLSearchParams({ token: session.accessToken, expires: session.expiresAt, email });
  return `/view-as#${hash.toString()}`;
}

// Fields that mean the same wherever an account is signed in to, secured or described: the e-mail address, a code
// from the authenticator app, the phone number.
import { useTranslation } from 'react-i18next';
import { TextField, type TextFieldProps } from './fields.tsx';

/** The account's e-mail address: the keyboard and autofill of an address, no capitals, no spell check. */
export function EmailField(props: Omit<TextFieldProps, 'label' | 'type'>) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('auth.email')}
      type="email"
      autoComplete="email"
      inputMode="email"
      autoCapitalize="none"
      spellCheck={false}
      {...props}
    />
  );
}

/** A six-digit code from the authenticator app (a space in the middle is allowed), in wide monospace digits. */
export function TotpCodeField({
  className = '[&_input]:font-mono [&_input]:text-lg [&_input]:tracking-[0.3em]',
  ...props
}: TextFieldProps) {
  return (
    <TextField
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={7}
      className={className}
      {...props}
    />
  );
}

/** The phone number (optional), with the hint of what it is for. */
export function PhoneField(props: Omit<TextFieldProps, 'type' | 'optional' | 'hint'>) {
  const { t } = useTranslation();
  return <TextField optional type="tel" autoComplete="tel" hint={t('auth.register.phoneHint')} {...props} />;
}

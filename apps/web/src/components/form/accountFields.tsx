// Fields that mean the same wherever an account is signed in to or secured: the e-mail address and a code from
// the authenticator app.
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

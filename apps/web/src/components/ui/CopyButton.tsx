import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from './Button.tsx';

/** Copies `text` to the clipboard and says so for two seconds (announced to screen readers). */
export function CopyButton({
  text,
  label,
  copiedLabel,
  iconOnly = false,
  ...props
}: Omit<ButtonProps, 'onClick' | 'children'> & {
  text: string;
  label?: string;
  copiedLabel?: string;
  iconOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const idleLabel = label ?? t('actions.copy');
  const doneLabel = copiedLabel ?? t('actions.copied');
  const Icon = copied ? Check : Copy;
  return (
    <Button
      variant="outline"
      size={iconOnly ? 'icon' : 'sm'}
      aria-label={iconOnly ? (copied ? doneLabel : idleLabel) : undefined}
      title={iconOnly ? idleLabel : undefined}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
      {...props}
    >
      <Icon aria-hidden="true" />
      {!iconOnly && <span aria-live="polite">{copied ? doneLabel : idleLabel}</span>}
    </Button>
  );
}

import { AlertTriangle, CheckCircle2, Clock, RotateCcw, XCircle, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeProps } from '../../components/ui/Badge.tsx';

type Tone = NonNullable<BadgeProps['tone']>;
const STYLES: Record<string, { tone: Tone; icon: LucideIcon }> = {
  pending: { tone: 'warning', icon: Clock },
  succeeded: { tone: 'success', icon: CheckCircle2 },
  failed: { tone: 'danger', icon: XCircle },
  cancelled: { tone: 'neutral', icon: XCircle },
  mismatch: { tone: 'warning', icon: AlertTriangle },
  refunded: { tone: 'neutral', icon: RotateCcw },
};

/** State of a payment (colour + icon + text). */
export function PaymentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const style = STYLES[status] ?? STYLES.pending!;
  const Icon = style.icon;
  const label =
    status === 'succeeded' ||
    status === 'failed' ||
    status === 'cancelled' ||
    status === 'mismatch' ||
    status === 'refunded'
      ? t(`payment.status.${status}`)
      : t('payment.status.pending');
  return (
    <Badge tone={style.tone}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}

// One badge for every lifecycle state in the product (ui-guide "States"): colour + icon + text, never colour alone.
import {
  AlertTriangle,
  Ban,
  CheckCircle2,
  CircleDot,
  CircleSlash,
  Clock,
  FileMinus,
  FileText,
  LifeBuoy,
  Loader2,
  PauseCircle,
  XCircle,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { Badge, type BadgeProps } from './Badge.tsx';

type Tone = NonNullable<BadgeProps['tone']>;
type StateStyle = { tone: Tone; icon: LucideIcon; spin?: boolean; struck?: boolean };

const vps = {
  running: { tone: 'success', icon: CheckCircle2 },
  stopped: { tone: 'neutral', icon: PauseCircle },
  provisioning: { tone: 'info', icon: Loader2, spin: true },
  installing: { tone: 'info', icon: Loader2, spin: true },
  rescue: { tone: 'warning', icon: LifeBuoy },
  reset_password: { tone: 'warning', icon: Loader2, spin: true },
  error: { tone: 'danger', icon: AlertTriangle },
  suspended: { tone: 'danger', icon: Ban },
  expired: { tone: 'neutral', icon: CircleSlash, struck: true },
  terminated: { tone: 'neutral', icon: CircleSlash, struck: true },
  unknown: { tone: 'neutral', icon: CircleDot },
} satisfies Record<string, StateStyle>;

const order = {
  pending: { tone: 'warning', icon: Clock },
  paid: { tone: 'info', icon: CircleDot },
  processing: { tone: 'info', icon: Loader2, spin: true },
  provisioning: { tone: 'info', icon: Loader2, spin: true },
  completed: { tone: 'success', icon: CheckCircle2 },
  cancelled: { tone: 'neutral', icon: XCircle },
} satisfies Record<string, StateStyle>;

const invoice = {
  draft: { tone: 'neutral', icon: FileText },
  issued: { tone: 'warning', icon: FileText },
  overdue: { tone: 'danger', icon: AlertTriangle },
  paid: { tone: 'success', icon: CheckCircle2 },
  void: { tone: 'neutral', icon: CircleSlash },
  /** A credit note in force (its own status is `issued`; a credit note is never paid). */
  credit_note: { tone: 'info', icon: FileMinus },
} satisfies Record<string, StateStyle>;

export type VpsStatus = keyof typeof vps;
export type OrderStatus = keyof typeof order;
export type InvoiceStatus = keyof typeof invoice;

export type StatusBadgeProps =
  | { kind: 'vps'; status: VpsStatus; className?: string }
  | { kind: 'order'; status: OrderStatus; className?: string }
  | { kind: 'invoice'; status: InvoiceStatus; className?: string };

const styles: { [K in StatusBadgeProps['kind']]: Record<string, StateStyle> } = { vps, order, invoice };

function labelKey(props: StatusBadgeProps) {
  switch (props.kind) {
    case 'vps':
      return `status.vps.${props.status}` as const;
    case 'order':
      return `status.order.${props.status}` as const;
    case 'invoice':
      return `status.invoice.${props.status}` as const;
  }
}

export function StatusBadge(props: StatusBadgeProps) {
  const { kind, status, className } = props;
  const { t } = useTranslation();
  const style = styles[kind][status] ?? { tone: 'neutral', icon: CircleDot };
  const Icon = style.icon;
  return (
    <Badge tone={style.tone} className={className}>
      <Icon aria-hidden="true" className={cn(style.spin && 'animate-spin')} />
      <span className={cn(style.struck && 'line-through')}>{t(labelKey(props))}</span>
    </Badge>
  );
}

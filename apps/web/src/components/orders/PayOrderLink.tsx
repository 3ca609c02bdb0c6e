import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonVariants } from '../ui/Button.tsx';

/** "Pagar" on an unpaid order: its page with the payment open (`?pay=1`), named with the order's number. */
export function PayOrderLink({ order }: { order: { id: string; orderNumber: string } }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/panel/orders/${order.id}?pay=1`}
      aria-label={t('orders.payLabel', { number: order.orderNumber })}
      className={buttonVariants({ size: 'sm' })}
    >
      {t('orders.pay')}
    </Link>
  );
}

import { ShoppingCart } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';

/** The checkout with an empty cart and no unpaid orders from it. */
export function NothingToPay() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={ShoppingCart}
      title={t('checkout.emptyTitle')}
      description={t('checkout.emptyText')}
      action={
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link to="/pricing" className={buttonVariants()}>
            {t('cart.viewPlans')}
          </Link>
          <Link to="/panel/orders" className={buttonVariants({ variant: 'outline' })}>
            {t('checkout.viewOrders')}
          </Link>
        </div>
      }
    />
  );
}

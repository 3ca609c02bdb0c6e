import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOrdersResponse, User } from '../../api/models.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { useCart } from '../../lib/cart.ts';
import { readCreated, saveCreated } from './checkout/checkoutRules.ts';
import { NothingToPay } from './checkout/NothingToPay.tsx';
import { PayStep } from './checkout/PayStep.tsx';
import { ReviewStep } from './checkout/ReviewStep.tsx';
import { RequireUser, ShopPage } from './shopBits.tsx';

/** `/checkout`: review the cart, create the orders (POST /api/orders), then pay them all together. */
export function CheckoutPage() {
  const { t } = useTranslation();
  return (
    <ShopPage>
      <title>{t('checkout.documentTitle')}</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('checkout.title')}</h1>
      <div className="mt-6">
        <RequireUser>{(user) => <Checkout user={user} />}</RequireUser>
      </div>
      <CurrencyNote />
    </ShopPage>
  );
}

function Checkout({ user }: { user: User }) {
  const items = useCart();
  const [created, setCreated] = useState<CreateOrdersResponse | null>(() => readCreated());
  if (created) return <PayStep created={created} onDone={() => saveCreated(null)} />;
  if (items.length === 0) return <NothingToPay />;
  return (
    <ReviewStep
      user={user}
      items={items}
      onCreated={(response) => {
        saveCreated(response);
        setCreated(response);
      }}
    />
  );
}

import { ShoppingCart } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCartCount } from '../../lib/cart.ts';
import { cn } from '../../lib/cn.ts';
import { buttonVariants } from '../ui/Button.tsx';

/** Header cart icon with the number of servers in the cart (the cart lives in localStorage). */
export function CartLink({ className }: { className?: string }) {
  const { t } = useTranslation();
  const count = useCartCount();
  return (
    <Link
      to="/cart"
      aria-label={count > 0 ? t('nav.cartLabel', { count }) : t('nav.cartEmpty')}
      data-testid="header-cart"
      className={cn(buttonVariants({ variant: 'ghost', size: 'icon' }), 'relative', className)}
    >
      <ShoppingCart aria-hidden="true" className="size-5!" />
      {count > 0 && (
        <span
          aria-hidden="true"
          data-testid="header-cart-count"
          className="absolute top-0.5 right-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-primary px-1 text-[0.7rem] leading-none font-bold text-primary-foreground"
        >
          {count}
        </span>
      )}
    </Link>
  );
}

import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Card } from '../../components/ui/Card.tsx';
import { cn } from '../../lib/cn.ts';

type AuthCardProps = {
  title: string;
  subtitle?: ReactNode;
  icon?: LucideIcon;
  iconTone?: 'brand' | 'success' | 'danger';
  children?: ReactNode;
  footer?: ReactNode;
};

const tones = {
  brand: 'bg-accent text-accent-foreground',
  success: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300',
  danger: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
};

/** The centred card of the sign-in, registration and password pages. */
export function AuthCard({
  title,
  subtitle,
  icon: Icon,
  iconTone = 'brand',
  children,
  footer,
}: AuthCardProps) {
  return (
    <div className="mx-auto w-full max-w-md px-4 py-10 sm:py-16">
      <Card className="flex flex-col gap-6 p-6 sm:p-8">
        <div className="flex flex-col gap-2">
          {Icon && (
            <span
              className={cn('mb-2 flex size-12 items-center justify-center rounded-full', tones[iconTone])}
            >
              <Icon aria-hidden="true" className="size-6" />
            </span>
          )}
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          {subtitle && <div className="text-sm text-muted-foreground">{subtitle}</div>}
        </div>
        {children}
      </Card>
      {footer && <div className="mt-6 text-center text-sm text-muted-foreground">{footer}</div>}
    </div>
  );
}

export const textLinkClass =
  'font-medium text-primary underline-offset-4 hover:underline focus-visible:rounded-sm inline-flex min-h-10 items-center';

/** Under the card: "¿No tienes cuenta? Crear cuenta" and the like, a question and the link that answers it. */
export function AuthFooterLink({ text, to, label }: { text: string; to: string; label: string }) {
  return (
    <>
      {text}{' '}
      <Link to={to} className={textLinkClass}>
        {label}
      </Link>
    </>
  );
}

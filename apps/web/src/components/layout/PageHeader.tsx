import type { ReactNode } from 'react';

/** The title of a page, a line that says what it is for and, on the right, its main action. */
export function PageHeader({
  title,
  subtitle,
  aside,
}: {
  title: ReactNode;
  subtitle?: string;
  aside?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        {subtitle && <p className="text-muted-foreground">{subtitle}</p>}
      </div>
      {aside}
    </div>
  );
}

/** The title of one record (an order, an invoice), a line under it and, on the right, its state and actions. */
export function DetailHeader({
  title,
  subtitle,
  aside,
}: {
  title: ReactNode;
  subtitle: ReactNode;
  aside: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{title}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{subtitle}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3">{aside}</div>
    </div>
  );
}

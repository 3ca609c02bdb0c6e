import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';

export type SectionId = 'expiring' | 'overdue' | 'suspended' | 'terminations' | 'cancellations' | 'tasks';

/** One part of the billing overview: title, what it lists, a skeleton while loading, a line when empty. */
export function BillingSection({
  id,
  count,
  children,
}: {
  id: SectionId;
  count: number | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="flex scroll-mt-20 flex-col gap-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t(`admin.billing.sections.${id}.title`)}
          {count !== undefined && (
            <span className="ml-2 text-sm font-normal text-muted-foreground">({count})</span>
          )}
        </h2>
        <p className="text-sm text-muted-foreground">{t(`admin.billing.sections.${id}.text`)}</p>
      </div>
      {count === undefined ? (
        <Skeleton className="h-20 w-full rounded-xl" />
      ) : count === 0 ? (
        <p className="rounded-xl border border-dashed border-border px-4 py-5 text-center text-sm text-muted-foreground">
          {t(`admin.billing.sections.${id}.empty`)}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

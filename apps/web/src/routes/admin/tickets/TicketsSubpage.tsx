import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';

/** The frame of the queue's side pages (canned responses, unmatched mail): the way back to the queue, the header. */
export function TicketsSubpage({
  documentTitle,
  title,
  subtitle,
  aside,
  children,
}: {
  documentTitle: string;
  title: string;
  subtitle: string;
  aside?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <title>{documentTitle}</title>
      <Link
        to="/admin/tickets"
        className="inline-flex items-center gap-1.5 self-start text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {t('tickets.admin.back')}
      </Link>
      <PageHeader title={title} subtitle={subtitle} aside={aside} />
      {children}
    </div>
  );
}

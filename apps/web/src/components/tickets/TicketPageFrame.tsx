// The frame both ticket pages share (customer and staff): the ticket of the route's `:id`, the way back to the list,
// then the ticket once it loads, with the ui-guide's loading and error states.
import type { UseQueryResult } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../ui/ErrorState.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';

export function TicketPageFrame<T>({
  back,
  backLabel,
  useTicket,
  skeletons,
  children,
}: {
  back: string;
  backLabel: string;
  /** The query hook of one ticket (the customer's or the staff's). */
  useTicket: (id: string) => UseQueryResult<T>;
  /** Heights (Tailwind classes) of the placeholder blocks under the title while loading. */
  skeletons: string[];
  children: (data: T) => ReactNode;
}) {
  const { id = '' } = useParams();
  const query = useTicket(id);
  return (
    <div className="flex flex-col gap-6">
      <Link
        to={back}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden="true" className="size-4" />
        {backLabel}
      </Link>
      {query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <div className="flex flex-col gap-3" aria-busy="true">
          <Skeleton className="h-10 w-2/3" />
          {skeletons.map((height, i) => (
            <Skeleton key={i} className={`${height} w-full rounded-xl`} />
          ))}
        </div>
      ) : (
        children(query.data)
      )}
    </div>
  );
}

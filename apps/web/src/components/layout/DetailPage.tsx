import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { buttonVariants } from '../ui/Button.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';

type DetailQuery<T> = { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };

/**
 * The frame of a page about one record: a "back" link to its list, skeletons with the size of the content while
 * it loads, the error with a retry, then `children(data)`.
 */
export function DetailPage<T>({
  backTo,
  backLabel,
  query,
  skeletons,
  hideDataOnError = false,
  children,
}: {
  backTo: string;
  backLabel: string;
  query: DetailQuery<T>;
  /** Size classes of the placeholder blocks. */
  skeletons: string[];
  /** Show the error even when an earlier answer is at hand (by default that stays visible). */
  hideDataOnError?: boolean;
  children: (data: T) => ReactNode;
}) {
  const { data, error, isPending, refetch } = query;
  return (
    <div className="flex flex-col gap-6">
      <Link
        to={backTo}
        className={buttonVariants({ variant: 'ghost', size: 'sm', className: '-ml-3 self-start' })}
      >
        <ArrowLeft aria-hidden="true" />
        {backLabel}
      </Link>
      {isPending ? (
        <div aria-busy="true" className="flex flex-col gap-4">
          {skeletons.map((className, i) => (
            <Skeleton key={i} className={className} />
          ))}
        </div>
      ) : error && (hideDataOnError || data === undefined) ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data === undefined ? null : (
        children(data)
      )}
    </div>
  );
}

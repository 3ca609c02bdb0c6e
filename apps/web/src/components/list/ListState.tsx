import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Pagination } from './Pagination.tsx';

type ListQuery<T> = {
  data: { items: T[] } | undefined;
  error: unknown;
  isPending: boolean;
  isPlaceholderData?: boolean;
  refetch: () => unknown;
};

/**
 * One page of a list in its states: the error with a retry, skeleton rows while the first page loads, `empty` when
 * there is nothing, else `children(items)`. The previous page stays visible, dimmed, while the next one loads.
 */
type ListStateProps<T> = {
  query: ListQuery<T>;
  /** How many placeholder rows and their height class (`h-16`). */
  skeleton: { rows: number; height: string };
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
};

export function ListState<T>({ query, skeleton, empty, children }: ListStateProps<T>) {
  const { data, error, isPending, isPlaceholderData, refetch } = query;
  return (
    <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : isPending || !data ? (
        <div className="flex flex-col gap-3">
          {Array.from({ length: skeleton.rows }, (_, i) => (
            <Skeleton key={i} className={cn(skeleton.height, 'w-full rounded-xl')} />
          ))}
        </div>
      ) : data.items.length === 0 ? (
        empty
      ) : (
        children(data.items)
      )}
    </div>
  );
}

/** A paged list: `ListState`, then the pages under it once the first answer is in. */
export function PagedList<T>({
  page,
  pageSize,
  onPage,
  ...list
}: ListStateProps<T> & {
  query: { data: { items: T[]; total: number } | undefined };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { data } = list.query;
  return (
    <>
      <ListState {...list} />
      {data && <Pagination page={page} total={data.total} pageSize={pageSize} onPage={onPage} />}
    </>
  );
}

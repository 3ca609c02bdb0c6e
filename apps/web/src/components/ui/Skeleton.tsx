import type { HTMLAttributes } from 'react';
import { cn } from '../../lib/cn.ts';

/** Grey placeholder with the size of the content it stands for (avoids layout shift when data arrives). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}

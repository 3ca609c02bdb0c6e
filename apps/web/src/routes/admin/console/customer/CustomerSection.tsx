import type { ReactNode } from 'react';
import { Card } from '../../../../components/ui/Card.tsx';

/** One titled card of the customer page; wide content scrolls inside it. */
export function CustomerSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="overflow-x-auto">{children}</div>
    </Card>
  );
}

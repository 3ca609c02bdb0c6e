// A list of records: a table from md up, cards on phones (ui-guide "Lists").
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** `data-*` attributes the browser tests find rows and cards by. */
type DataAttributes = { [key: `data-${string}`]: string | number | boolean | undefined };

export type Column<T> = {
  /** Unique within the table. */
  id: string;
  header: ReactNode;
  /** Only screen readers read the header (the actions column). */
  srOnlyHeader?: boolean;
  /** Right-aligns the header and the cells (amounts). */
  alignRight?: boolean;
  /** Extra classes of the body cells. */
  className?: string;
  /** The whole value as a tooltip, where the cell truncates it. */
  title?: (row: T) => string;
  cell: (row: T) => ReactNode;
};

export function DataTable<T>({
  rows,
  rowKey,
  columns,
  rowData,
  card,
  cardData,
  cardClassName,
  scroll = false,
  tableData,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  columns: Column<T>[];
  rowData?: (row: T) => DataAttributes;
  /** What a phone shows of a row, inside its card. */
  card: (row: T) => ReactNode;
  cardData?: (row: T) => DataAttributes;
  cardClassName?: string;
  /** Scroll the table sideways when its columns do not fit (admin lists); otherwise its corners clip it. */
  scroll?: boolean;
  tableData?: DataAttributes;
}) {
  return (
    <>
      <div
        className={cn(
          'hidden rounded-xl border border-border bg-card md:block',
          scroll ? 'overflow-x-auto' : 'overflow-hidden',
        )}
      >
        <table className="w-full text-left text-sm" {...tableData}>
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.id}
                  scope="col"
                  className={cn('px-3 py-2.5 font-medium', column.alignRight && 'text-right')}
                >
                  {column.srOnlyHeader ? <span className="sr-only">{column.header}</span> : column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((row) => (
              <tr key={rowKey(row)} {...rowData?.(row)}>
                {columns.map((column) => (
                  <td
                    key={column.id}
                    className={cn('px-3 py-3', column.alignRight && 'text-right', column.className)}
                    title={column.title?.(row)}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {rows.map((row) => (
          <li
            key={rowKey(row)}
            className={cn('flex flex-col gap-3 rounded-xl border border-border bg-card p-4', cardClassName)}
            {...cardData?.(row)}
          >
            {card(row)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The top of a card: what the record is (left) and its state (right). */
export function CardHead({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-2">
      <div className="min-w-0">{children}</div>
      {aside}
    </div>
  );
}

export type CardField = { label: ReactNode; value: ReactNode; className?: string; valueClassName?: string };

/** Label and value pairs of a card, in a grid of one or two columns. */
export function CardFields({ fields, columns = 2 }: { fields: CardField[]; columns?: 1 | 2 }) {
  return (
    <dl className={cn('grid gap-2 text-sm', columns === 1 ? 'grid-cols-1' : 'grid-cols-2')}>
      {fields.map((field, i) => (
        <div key={i} className={field.className}>
          <dt className="text-xs text-muted-foreground">{field.label}</dt>
          <dd className={field.valueClassName}>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}

// The frame of every chart (the console's and a server's statistics): a title, the chart, and a "Ver datos" toggle
// to the same numbers as a table (for screen readers and exact figures). It draws nothing itself, so it does not
// pull the charting library into the pages that only use the table.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';

/** What the card shows under its title. */
export function chartCardView(empty: boolean, showData: boolean): 'empty' | 'table' | 'chart' {
  if (empty) return 'empty';
  return showData ? 'table' : 'chart';
}

export function ChartCard({
  title,
  testId,
  chart,
  table,
  empty = null,
  heading: Heading = 'h2',
  chartClass = 'h-64',
  tableClass = 'overflow-x-auto',
  emptyClass = 'py-10',
  toggleWhenEmpty = true,
}: {
  title: string;
  testId: string;
  chart: ReactNode;
  table: ReactNode;
  /** Why there is nothing to draw (replaces the chart); null when there is. */
  empty?: string | null | undefined;
  /** The title's level in the page's outline. */
  heading?: 'h2' | 'h3';
  /** The chart area's height (Recharts needs a fixed one). */
  chartClass?: string;
  /** The box around the table. */
  tableClass?: string;
  /** The vertical padding of the empty message. */
  emptyClass?: string;
  /** Keep the toggle while there is nothing to draw. */
  toggleWhenEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  const view = chartCardView(Boolean(empty), showData);
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <Heading className="text-base font-semibold">{title}</Heading>
        {(toggleWhenEmpty || view !== 'empty') && (
          <Button variant="ghost" size="sm" aria-pressed={showData} onClick={() => setShowData((v) => !v)}>
            {showData ? t('console.charts.showChart') : t('console.charts.showData')}
          </Button>
        )}
      </div>
      {view === 'empty' ? (
        <p className={`${emptyClass} text-center text-sm text-muted-foreground`}>{empty}</p>
      ) : view === 'table' ? (
        <div className={tableClass}>{table}</div>
      ) : (
        <div className={`${chartClass} w-full`} aria-hidden="true">
          {chart}
        </div>
      )}
    </Card>
  );
}

/** A chart's numbers as a table: the first column names the row, the others are right-aligned figures. */
export function FiguresTable({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-muted-foreground uppercase">
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'px-2 py-1 text-right' : 'px-2 py-1'}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, r) => (
          <tr key={r} className="border-t border-border">
            {cells.map((cell, i) => (
              <td key={i} className={i > 0 ? 'px-2 py-1 text-right tabular-nums' : 'px-2 py-1'}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { AppError } from '../../lib/errors.ts';
import { minorDigits } from '../../lib/money.ts';
import { csvRow } from '../billing/billing.compute.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { Dimension, Grain, LedgerRow, ReportsRepo } from './reports.repo.ts';
import type {
  TSalesFigures,
  TSalesQuery,
  TSalesReport,
  TSalesRow,
  TTaxQuery,
  TTaxReport,
} from './reports.schemas.ts';

const DAY = 86_400_000;
/** A report covers at most this many days (three years), and day grouping at most a bit more than a year. */
const MAX_RANGE_DAYS = 1_100;
const MAX_DAILY_DAYS = 400;

export interface SalesSlice extends TSalesFigures {
  period: string | null;
  key: string | null;
  label: string | null;
  unconverted: number;
  unconvertedCurrencies: string[];
}

export function figuresOf(row: Omit<LedgerRow, 'period' | 'key' | 'label'>): TSalesFigures {
  const netMinor = row.revenueMinor - row.refundsMinor;
  return {
    revenueMinor: row.revenueMinor,
    refundsMinor: row.refundsMinor,
    netMinor,
    taxMinor: row.taxMinor,
    costMinor: row.costMinor,
    // Gross margin: what stays after giving back credit notes, handing over the tax and paying Contabo.
    marginMinor: netMinor - row.taxMinor - row.costMinor,
    invoices: row.invoices,
    creditNotes: row.creditNotes,
  };
}

function totalOf(rows: LedgerRow[]): TSalesFigures {
  const sum = (pick: (r: LedgerRow) => number) => rows.reduce((acc, r) => acc + pick(r), 0);
  return figuresOf({
    revenueMinor: sum((r) => r.revenueMinor),
    refundsMinor: sum((r) => r.refundsMinor),
    taxMinor: sum((r) => r.taxMinor),
    costMinor: sum((r) => r.costMinor),
    invoices: sum((r) => r.invoices),
    creditNotes: sum((r) => r.creditNotes),
    unconverted: 0,
    unconvertedCurrencies: [],
  });
}

function unconvertedOf(rows: LedgerRow[]) {
  return {
    documents: rows.reduce((acc, r) => acc + r.unconverted, 0),
    currencies: [...new Set(rows.flatMap((r) => r.unconvertedCurrencies))].sort(),
  };
}

/** [from, to] as days (UTC, both included) → [start, end) instants; refuses reversed or oversized ranges. */
function rangeOf(from: string, to: string, maxDays: number): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start) {
    throw new AppError('bad_request', '`to` must be the same day as `from` or later', [
      { field: 'querystring.to', message: 'must not be before from' },
    ]);
  }
  if ((end.getTime() - start.getTime()) / DAY > maxDays) {
    throw new AppError('bad_request', `A report covers at most ${maxDays} days`, [
      { field: 'querystring.from', message: `range longer than ${maxDays} days` },
    ]);
  }
  return { start, end };
}

/** Minor units as a plain decimal in the currency's digits (CSV for spreadsheets: no symbols, no grouping). */
export function decimalOf(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  const unit = 10 ** digits;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`;
}

/**
 * Sales, margin and tax reports in the base currency (see the ledger in reports.repo.ts for what counts and how it
 * is converted). The CSV carries exactly the numbers of the JSON report.
 */
export function createReportsService({ repo, settings }: { repo: ReportsRepo; settings: SettingsService }) {
  async function currencyAndRates() {
    const s = await settings.getMany(['store.currency', 'reports.exchangeRates']);
    return { base: s['store.currency'], rates: s['reports.exchangeRates'] };
  }

  /** The ledger for [start, end): what the dashboard and the reports share. */
  async function slices(start: Date, end: Date, grain: Grain, dimension: Dimension, userId?: string) {
    const { base, rates } = await currencyAndRates();
    const all = await repo.ledger({
      from: start,
      to: end,
      grain,
      dimension,
      base,
      rates,
      ...(userId ? { userId } : {}),
    });
    // A group made only of unconverted documents has no figures to show; it is counted in `unconverted`.
    const rows = all.filter((r) => r.invoices + r.creditNotes > 0);
    return { currency: base, rows, unconverted: unconvertedOf(all) };
  }

  return {
    slices,
    totalOf,

    async sales(q: TSalesQuery): Promise<TSalesReport> {
      const { start, end } = rangeOf(q.from, q.to, q.group === 'day' ? MAX_DAILY_DAYS : MAX_RANGE_DAYS);
      const { currency, rows, unconverted } = await slices(start, end, q.group, q.dimension);
      return {
        currency,
        from: q.from,
        to: q.to,
        group: q.group,
        dimension: q.dimension,
        rows: rows.map((r): TSalesRow => ({
          period: r.period,
          key: r.key,
          label: r.label ?? r.key,
          ...figuresOf(r),
        })),
        totals: totalOf(rows),
        unconverted,
      };
    },

    salesCsv(report: TSalesReport): string {
      const money = (v: number) => decimalOf(v, report.currency);
      const header = [
        'period',
        report.dimension,
        'label',
        'currency',
        'revenue',
        'refunds',
        'net',
        'tax',
        'contabo_cost',
        'margin',
        'invoices',
        'credit_notes',
      ];
      const line = (period: string | null, key: string | null, label: string | null, f: TSalesFigures) =>
        csvRow([
          period,
          key,
          label,
          report.currency,
          money(f.revenueMinor),
          money(f.refundsMinor),
          money(f.netMinor),
          money(f.taxMinor),
          money(f.costMinor),
          money(f.marginMinor),
          f.invoices,
          f.creditNotes,
        ]);
      return (
        [
          csvRow(header),
          ...report.rows.map((r) => line(r.period, r.key, r.label, r)),
          line('total', null, null, report.totals),
        ].join('\r\n') + '\r\n'
      );
    },

    async tax(q: TTaxQuery): Promise<TTaxReport> {
      const { start, end } = rangeOf(q.from, q.to, MAX_RANGE_DAYS);
      const { currency, rows, unconverted } = await slices(start, end, 'none', 'country');
      const present = (r: LedgerRow) => {
        const net = r.revenueMinor - r.refundsMinor;
        return {
          taxableMinor: net - r.taxMinor,
          taxMinor: r.taxMinor,
          totalMinor: net,
          invoices: r.invoices,
          creditNotes: r.creditNotes,
        };
      };
      const totals = totalOf(rows);
      return {
        currency,
        from: q.from,
        to: q.to,
        rows: rows.map((r) => ({ country: r.key, ...present(r) })),
        totals: {
          taxableMinor: totals.netMinor - totals.taxMinor,
          taxMinor: totals.taxMinor,
          totalMinor: totals.netMinor,
          invoices: totals.invoices,
          creditNotes: totals.creditNotes,
        },
        unconverted,
      };
    },

    taxCsv(report: TTaxReport): string {
      const money = (v: number) => decimalOf(v, report.currency);
      const line = (country: string | null, r: TTaxReport['totals']) =>
        csvRow([
          country,
          report.currency,
          money(r.taxableMinor),
          money(r.taxMinor),
          money(r.totalMinor),
          r.invoices,
          r.creditNotes,
        ]);
      return (
        [
          csvRow(['country', 'currency', 'taxable', 'tax', 'total', 'invoices', 'credit_notes']),
          ...report.rows.map((r) => line(r.country, r)),
          line('total', report.totals),
        ].join('\r\n') + '\r\n'
      );
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;

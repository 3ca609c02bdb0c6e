import type { BillingUserRow, InvoiceItemRow, InvoiceRow, TransactionRow } from './billing.repo.ts';
import type { TInvoice, TInvoiceDetail, TParty } from './billing.schemas.ts';

/** How invoice rows are shown: the API's shape of an invoice, its detail and the parties frozen on it. */
export function presentInvoice(row: InvoiceRow, referenceNumber: string | null = null): TInvoice {
  return {
    id: row.id,
    invoiceNumber: row.invoiceNumber,
    type: row.type === 'credit_note' ? 'credit_note' : 'invoice',
    referenceInvoiceId: row.referenceInvoiceId,
    referenceInvoiceNumber: referenceNumber,
    status: row.status as TInvoice['status'],
    orderId: row.orderId,
    vpsInstanceId: row.vpsInstanceId,
    currency: row.currency,
    subtotalMinor: row.subtotalMinor,
    discountMinor: row.discountMinor,
    taxMinor: row.taxMinor,
    totalMinor: row.totalMinor,
    taxName: row.taxName,
    taxRate: row.taxRate === null ? null : Number(row.taxRate),
    taxMode: row.taxMode === 'inclusive' ? 'inclusive' : 'exclusive',
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    paidAt: row.paidAt,
    voidedAt: row.voidedAt,
  };
}

export function presentParty(value: Record<string, unknown>): TParty {
  const str = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : null);
  return {
    name: str('name') ?? '',
    companyName: str('companyName'),
    taxId: str('taxId'),
    address: str('address'),
    country: str('country'),
    email: str('email'),
    phone: str('phone'),
  };
}

export interface InvoiceExtras {
  referenceNumber: string | null;
  transactions: TransactionRow[];
  creditNotes: InvoiceRow[];
}

export function presentInvoiceDetail(
  row: InvoiceRow,
  items: InvoiceItemRow[],
  extras: InvoiceExtras = { referenceNumber: null, transactions: [], creditNotes: [] },
): TInvoiceDetail {
  return {
    ...presentInvoice(row, extras.referenceNumber),
    payable: row.type === 'invoice' && (row.status === 'issued' || row.status === 'overdue'),
    // Checkouts opened but never completed are not payments of the invoice.
    transactions: extras.transactions
      .filter((t) => t.status !== 'pending' && t.status !== 'cancelled')
      .map((t) => ({
        id: t.id,
        kind: t.kind === 'refund' ? 'refund' : 'payment',
        provider: t.provider,
        amountMinor: t.amountMinor,
        currency: t.currency,
        status: t.status,
        reference: t.reference,
        createdAt: t.createdAt,
      })),
    creditNotes: extras.creditNotes.map((c) => ({
      id: c.id,
      invoiceNumber: c.invoiceNumber,
      totalMinor: c.totalMinor,
      issuedAt: c.issuedAt,
    })),
    language: row.language,
    billTo: presentParty(row.billTo),
    seller: presentParty(row.seller),
    items: items.map((i) => ({
      description: i.description,
      quantity: i.quantity,
      unitPriceMinor: i.unitPriceMinor,
      discountMinor: i.discountMinor,
      taxMinor: i.taxMinor,
      totalMinor: i.totalMinor,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
    })),
  };
}

/** The customer's billing data as printed on an invoice (frozen at issue time). */
export function billToOf(user: BillingUserRow): TParty {
  const fullName = `${user.firstName} ${user.lastName}`.trim() || user.name;
  const cityLine = [user.postalCode, user.city, user.state].filter(Boolean).join(' ');
  const address = [user.addressLine1, user.addressLine2, cityLine].filter(Boolean).join(', ');
  return {
    name: fullName,
    companyName: user.companyName ?? null,
    taxId: user.taxId ?? null,
    address: address || null,
    country: user.country ?? null,
    email: user.email,
  };
}

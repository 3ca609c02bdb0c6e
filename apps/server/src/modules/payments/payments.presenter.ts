import type { InvoiceStatus } from '../../db/statuses.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { OrdersRepo, OrderRow } from '../orders/orders.repo.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import type { TransactionRow } from './payments.repo.ts';
import type { ProviderId, TBankInstructions, TPayment } from './payments.schemas.ts';
import type { InvoicePaymentPort } from './payments.settle.ts';

/** A transaction as the customer's API shows it: its orders or invoice, the way to pay (link or bank details). */
export function createPaymentPresenter(deps: {
  orders: Pick<OrdersRepo, 'listByIds'>;
  settings: Pick<SettingsService, 'get'>;
  invoices?: Pick<InvoicePaymentPort, 'find'>;
}) {
  async function bankInstructions(tx: TransactionRow, orderRows: OrderRow[]): Promise<TBankInstructions> {
    const b = await deps.settings.get('payments.bankTransfer.details');
    return {
      ...b,
      reference: orderRows.length ? orderRows.map((o) => o.orderNumber).join(', ') : (tx.reference ?? tx.id),
      amountMinor: tx.amountMinor,
      currency: tx.currency,
    };
  }

  return async function present(tx: TransactionRow, redirectUrl: string | null = null): Promise<TPayment> {
    const orderRows = await deps.orders.listByIds(tx.orderIds);
    const invoice = tx.invoiceId && deps.invoices ? await deps.invoices.find(tx.invoiceId) : undefined;
    return {
      id: tx.id,
      provider: tx.provider as ProviderId,
      status: tx.status,
      amountMinor: tx.amountMinor,
      currency: tx.currency,
      providerAmountMinor: tx.providerAmountMinor,
      providerCurrency: tx.providerCurrency,
      orders: orderRows.map((o) => ({
        id: o.id,
        orderNumber: o.orderNumber,
        status: o.status as OrderStatus,
        totalMinor: o.totalMinor,
      })),
      invoice: invoice
        ? {
            id: invoice.id,
            invoiceNumber: invoice.invoiceNumber,
            status: invoice.status as InvoiceStatus,
            totalMinor: invoice.totalMinor,
            currency: invoice.currency,
          }
        : null,
      // An ended checkout (replaced, expired) cannot be paid any more: no link to it.
      redirectUrl:
        tx.status === 'cancelled'
          ? null
          : (redirectUrl ?? (typeof tx.raw?.redirectUrl === 'string' ? tx.raw.redirectUrl : null)),
      instructions: tx.provider === 'bank_transfer' ? await bankInstructions(tx, orderRows) : null,
      createdAt: tx.createdAt,
    };
  };
}

export type PresentPayment = ReturnType<typeof createPaymentPresenter>;

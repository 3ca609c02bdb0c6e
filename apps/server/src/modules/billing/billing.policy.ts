import { notFound } from '../../lib/errors.ts';

interface InvoiceLike {
  userId: string;
  status: string;
}

/** A draft is nobody's to see; otherwise its customer may, and an admin may (the PDF, for support). */
export function canSeeInvoice(viewer: { id: string; role?: string }, invoice: InvoiceLike): boolean {
  if (invoice.status === 'draft') return false;
  return invoice.userId === viewer.id || viewer.role === 'admin';
}

/** Someone else's invoice (or a draft) is "not found": its existence is never revealed. */
export function assertCanSeeInvoice<T extends InvoiceLike>(
  viewer: { id: string; role?: string },
  invoice: T | null | undefined,
): asserts invoice is T {
  if (!invoice || !canSeeInvoice(viewer, invoice)) throw notFound('Invoice');
}

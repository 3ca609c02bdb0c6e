import { licenseFeeForPeriod } from '../catalog/pricing.ts';
import type { LineInput } from './billing.compute.ts';
import type { InvoiceLanguage } from './billing.i18n.ts';

/** The licence line's words, in the invoice's language. */
const LICENSE_TEXT: Record<
  InvoiceLanguage,
  { license: string; order: string; months: (n: number) => string }
> = {
  es: { license: 'Licencia', order: 'Pedido', months: (n) => (n === 1 ? '1 mes' : `${n} meses`) },
  en: { license: 'Licence', order: 'Order', months: (n) => (n === 1 ? '1 month' : `${n} months`) },
};

export interface LicensedImage {
  id: string | null;
  name: string | null;
  licenseFeeMinor: number | null;
}

/**
 * The licence of a Windows (or other licensed) image as its own invoice line: "Licencia: Windows Server 2022 — 12
 * meses (Pedido P-2026-000001)". Null when there is nothing to charge.
 */
export function licenseLine(input: {
  language: InvoiceLanguage;
  image: LicensedImage | null;
  amountMinor: number;
  periodMonths: number;
  orderNumber?: string;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}): LineInput | null {
  if (input.amountMinor <= 0) return null;
  const text = LICENSE_TEXT[input.language];
  const order = input.orderNumber ? ` (${text.order} ${input.orderNumber})` : '';
  return {
    description: `${text.license}: ${input.image?.name ?? '—'} — ${text.months(input.periodMonths)}${order}`,
    quantity: 1,
    unitPriceMinor: input.amountMinor,
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
  };
}

/**
 * The licence a renewal charges: the amount frozen on the order when the server renews as ordered (same period,
 * plan, region and image), otherwise today's monthly fee of the image it runs times the months.
 */
export function renewalLicenseMinor(input: {
  asOrdered: boolean;
  order: { imageId: string | null; licenseFeeMinor: number } | null;
  image: LicensedImage | null;
  months: number;
}): number {
  const { order, image } = input;
  if (input.asOrdered && order && (!image?.id || image.id === order.imageId)) return order.licenseFeeMinor;
  return licenseFeeForPeriod(image?.licenseFeeMinor ?? 0, input.months);
}

import { layout, type Brand, type Language, type RenderedEmail } from './layout.ts';

/** E-mails of the checkout: payment confirmation to the customer and "paid order waiting" to the admins. */
export interface PaidOrdersData {
  name: string;
  orders: Array<{ orderNumber: string; plan: string; periodMonths: number; region: string; total: string }>;
  total: string;
  link: string;
}

/** A payment that arrived for something already paid (a second checkout of the same order) was refunded. */
export interface PaymentRefundedData {
  name: string;
  /** Order numbers or the invoice number the payment was for. */
  reference: string;
  amount: string;
  link: string;
}

const lines = (d: PaidOrdersData, language: Language) =>
  d.orders.map((o) =>
    language === 'es'
      ? `${o.orderNumber}: ${o.plan}, ${o.periodMonths} ${o.periodMonths === 1 ? 'mes' : 'meses'}, ${o.region} — ${o.total}`
      : `${o.orderNumber}: ${o.plan}, ${o.periodMonths} ${o.periodMonths === 1 ? 'month' : 'months'}, ${o.region} — ${o.total}`,
  );

export const ORDER_TEMPLATES = {
  'orders-paid': (d: PaidOrdersData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Recibimos tu pago — ${d.orders.map((o) => o.orderNumber).join(', ')}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `¡Gracias! Recibimos tu pago de ${d.total}.`,
            ...lines(d, language),
            'Ya estamos preparando tu servidor: te escribiremos cuando esté listo con los datos de acceso.',
          ],
          action: { label: 'Ver mis pedidos', url: d.link },
        })
      : layout(brand, language, {
          subject: `Payment received — ${d.orders.map((o) => o.orderNumber).join(', ')}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `Thank you! We received your payment of ${d.total}.`,
            ...lines(d, language),
            'We are preparing your server now and will write again with the access details when it is ready.',
          ],
          action: { label: 'See my orders', url: d.link },
        }),

  'orders-paid-admin': (d: PaidOrdersData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Pedido pagado, listo para preparar: ${d.orders.map((o) => o.orderNumber).join(', ')}`,
          greeting: 'Hola,',
          paragraphs: [`${d.name} pagó ${d.total}.`, ...lines(d, language)],
          action: { label: 'Abrir pedidos por preparar', url: d.link },
        })
      : layout(brand, language, {
          subject: `Paid order ready to fulfil: ${d.orders.map((o) => o.orderNumber).join(', ')}`,
          greeting: 'Hello,',
          paragraphs: [`${d.name} paid ${d.total}.`, ...lines(d, language)],
          action: { label: 'Open the fulfilment queue', url: d.link },
        }),

  'payment-refunded': (d: PaymentRefundedData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Te devolvimos un pago duplicado — ${d.reference}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Recibimos un segundo pago de ${d.amount} por ${d.reference}, que ya estaba pagado.`,
            'Lo devolvimos automáticamente por el mismo medio de pago; según tu banco puede tardar unos días en verse.',
            'No tienes que hacer nada: tu primer pago sigue siendo válido.',
          ],
          action: { label: 'Ver mis pedidos', url: d.link },
        })
      : layout(brand, language, {
          subject: `We refunded a duplicate payment — ${d.reference}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `We received a second payment of ${d.amount} for ${d.reference}, which was already paid.`,
            'We refunded it automatically to the same payment method; depending on your bank it may take a few days to show.',
            'You do not need to do anything: your first payment stands.',
          ],
          action: { label: 'See my orders', url: d.link },
        }),
} as const;

import { builtIn, defineEmail } from './editable.ts';
import type { Language } from './layout.ts';

/** E-mails of the checkout: payment confirmation to the customer and "paid order waiting" to the admins. */
export interface PaidOrdersData {
  name: string;
  orders: Array<{ orderNumber: string; plan: string; periodMonths: number; region: string; total: string }>;
  total: string;
  link: string;
}

const orderLines = (d: PaidOrdersData, language: Language) =>
  d.orders
    .map((o) => {
      const months =
        language === 'es'
          ? `${o.periodMonths} ${o.periodMonths === 1 ? 'mes' : 'meses'}`
          : `${o.periodMonths} ${o.periodMonths === 1 ? 'month' : 'months'}`;
      return `${o.orderNumber}: ${o.plan}, ${months}, ${o.region} — ${o.total}`;
    })
    .join('\n');

const prepare = (d: PaidOrdersData, language: Language) => ({
  name: d.name,
  total: d.total,
  link: d.link,
  orderNumbers: d.orders.map((o) => o.orderNumber).join(', '),
  orderLines: orderLines(d, language),
});

const variables = {
  name: 'Ana',
  total: '€13,00',
  link: 'https://cloudvertice.example/panel/orders',
  orderNumbers: 'P-2026-000123',
  orderLines: 'P-2026-000123: Cloud VPS 10, 1 mes, Alemania — €13,00',
};

const sampleData: PaidOrdersData = {
  name: 'Ana',
  orders: [
    {
      orderNumber: 'P-2026-000123',
      plan: 'Cloud VPS 10',
      periodMonths: 1,
      region: 'Alemania',
      total: '€13,00',
    },
    {
      orderNumber: 'P-2026-000124',
      plan: 'Cloud VPS 20',
      periodMonths: 12,
      region: 'EE. UU.',
      total: '€130,00',
    },
  ],
  total: '€143,00',
  link: 'https://cloudvertice.example/panel/orders',
};

const ordersPaid = defineEmail({
  key: 'orders-paid',
  description: { es: 'Pago recibido (al cliente)', en: 'Payment received (to the customer)' },
  variables,
  prepare,
  sampleData,
  es: {
    subject: 'Recibimos tu pago — <%= it.orderNumbers %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: ['¡Gracias! Recibimos tu pago de <%= it.total %>.'],
    quote: '<%= it.orderLines %>',
    action: { label: 'Ver mis pedidos', url: '<%= it.link %>' },
    after: ['Ya estamos preparando tu servidor: te escribiremos cuando esté listo con los datos de acceso.'],
  },
  en: {
    subject: 'Payment received — <%= it.orderNumbers %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: ['Thank you! We received your payment of <%= it.total %>.'],
    quote: '<%= it.orderLines %>',
    action: { label: 'See my orders', url: '<%= it.link %>' },
    after: [
      'We are preparing your server now and will write again with the access details when it is ready.',
    ],
  },
});

const ordersPaidAdmin = defineEmail({
  key: 'orders-paid-admin',
  description: { es: 'Pedido pagado por preparar (al equipo)', en: 'Paid order to fulfil (to staff)' },
  variables: { ...variables, link: 'https://cloudvertice.example/admin/fulfilment' },
  prepare,
  sampleData,
  es: {
    subject: 'Pedido pagado, listo para preparar: <%= it.orderNumbers %>',
    greeting: 'Hola,',
    paragraphs: ['<%= it.name %> pagó <%= it.total %>.'],
    quote: '<%= it.orderLines %>',
    action: { label: 'Abrir pedidos por preparar', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Paid order ready to fulfil: <%= it.orderNumbers %>',
    greeting: 'Hello,',
    paragraphs: ['<%= it.name %> paid <%= it.total %>.'],
    quote: '<%= it.orderLines %>',
    action: { label: 'Open the fulfilment queue', url: '<%= it.link %>' },
  },
});

/** A payment that arrived for something already paid (a second checkout of the same order) was refunded. */
export interface PaymentRefundedData {
  name: string;
  /** Order numbers or the invoice number the payment was for. */
  reference: string;
  amount: string;
  link: string;
}

const paymentRefunded = defineEmail({
  key: 'payment-refunded',
  description: {
    es: 'Pago duplicado devuelto (al cliente)',
    en: 'Duplicate payment refunded (to the customer)',
  },
  variables: {
    name: 'Ana',
    reference: 'P-2026-000123',
    amount: '€13,00',
    link: 'https://cloudvertice.example/panel/orders',
  },
  prepare: (d: PaymentRefundedData) => ({ ...d }),
  sampleData: {
    name: 'Ana',
    reference: 'P-2026-000123',
    amount: '€13,00',
    link: 'https://cloudvertice.example/panel/orders',
  },
  es: {
    subject: 'Te devolvimos un pago duplicado — <%= it.reference %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Recibimos un segundo pago de <%= it.amount %> por <%= it.reference %>, que ya estaba pagado.',
      'Lo devolvimos automáticamente por el mismo medio de pago; según tu banco puede tardar unos días en verse.',
      'No tienes que hacer nada: tu primer pago sigue siendo válido.',
    ],
    action: { label: 'Ver mis pedidos', url: '<%= it.link %>' },
  },
  en: {
    subject: 'We refunded a duplicate payment — <%= it.reference %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'We received a second payment of <%= it.amount %> for <%= it.reference %>, which was already paid.',
      'We refunded it automatically to the same payment method; depending on your bank it may take a few days to show.',
      'You do not need to do anything: your first payment stands.',
    ],
    action: { label: 'See my orders', url: '<%= it.link %>' },
  },
});

export const ORDER_EMAILS = [ordersPaid, ordersPaidAdmin, paymentRefunded];

export const ORDER_TEMPLATES = {
  'orders-paid': builtIn(ordersPaid),
  'orders-paid-admin': builtIn(ordersPaidAdmin),
  'payment-refunded': builtIn(paymentRefunded),
} as const;

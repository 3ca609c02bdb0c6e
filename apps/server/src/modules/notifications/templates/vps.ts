import { builtIn, defineEmail } from './editable.ts';

/** "Your server is ready": access data without the password itself (it is shown in the panel after a step-up). */
export interface VpsReadyData {
  name: string;
  orderNumber: string | null;
  serverName: string;
  ipv4: string;
  user: string;
  link: string;
}

const vpsReady = defineEmail({
  key: 'vps-ready',
  description: { es: 'Servidor listo, con sus datos de acceso', en: 'Server ready, with its access details' },
  variables: {
    name: 'Ana',
    orderNumber: 'P-2026-000123',
    serverName: 'vmi123456',
    ipv4: '203.0.113.10',
    user: 'root',
    link: 'https://cloudvertice.example/panel/servers/ejemplo',
  },
  prepare: (d: VpsReadyData) => ({ ...d, orderNumber: d.orderNumber ?? '' }),
  sampleData: {
    name: 'Ana',
    orderNumber: null,
    serverName: 'vmi123456',
    ipv4: '203.0.113.10',
    user: 'root',
    link: 'https://cloudvertice.example/panel/servers/ejemplo',
  },
  es: {
    subject:
      'Tu servidor <%= it.serverName %> está listo<% if (it.orderNumber) { %> — <%= it.orderNumber %><% } %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Tu servidor <%= it.serverName %> ya está funcionando.',
      'Dirección IP: <%= it.ipv4 %>',
      'Usuario: <%= it.user %>',
      'Por seguridad no enviamos la contraseña por correo: la ves en tu panel, en el servidor, con "Mostrar contraseña" (te pediremos la contraseña de tu cuenta).',
    ],
    action: { label: 'Abrir mi servidor', url: '<%= it.link %>' },
  },
  en: {
    subject:
      'Your server <%= it.serverName %> is ready<% if (it.orderNumber) { %> — <%= it.orderNumber %><% } %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'Your server <%= it.serverName %> is up and running.',
      'IP address: <%= it.ipv4 %>',
      'User: <%= it.user %>',
      'For your security we never e-mail the password: see it in your panel, on the server, with "Show password" (we will ask for your account password).',
    ],
    action: { label: 'Open my server', url: '<%= it.link %>' },
  },
});

/** The server assigned to an order differs in plan or region from what was ordered (the admin confirmed it). */
export interface DeliveredDifferentlyData {
  name: string;
  orderNumber: string;
  /** Plan and region names as ordered and as delivered (equal when that part matches). */
  orderedPlan: string;
  deliveredPlan: string;
  orderedRegion: string;
  deliveredRegion: string;
  link: string;
}

const deliveredSample = {
  name: 'Ana',
  orderNumber: 'P-2026-000123',
  orderedPlan: 'Cloud VPS 10',
  deliveredPlan: 'Cloud VPS 20',
  orderedRegion: 'Alemania',
  deliveredRegion: 'EE. UU. (este)',
  link: 'https://cloudvertice.example/panel/orders/ejemplo',
};

const orderDeliveredDifferently = defineEmail({
  key: 'order-delivered-differently',
  description: {
    es: 'Servidor entregado distinto al pedido (al cliente)',
    en: 'Server delivered differently from the order (to the customer)',
  },
  variables: deliveredSample,
  prepare: (d: DeliveredDifferentlyData) => ({ ...d }),
  sampleData: deliveredSample,
  es: {
    subject: 'Tu pedido <%= it.orderNumber %>: el servidor entregado es distinto al pedido',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Para entregarte tu servidor cuanto antes, te asignamos uno que no es exactamente el que pediste en <%= it.orderNumber %>:',
      'Plan: pediste <%= it.orderedPlan %>, recibes <%= it.deliveredPlan %>.',
      'Región: pediste <%= it.orderedRegion %>, recibes <%= it.deliveredRegion %>.',
      'Las renovaciones se facturarán según el plan y la región que recibes. Si prefieres lo que pediste, responde a este correo o abre un ticket y lo resolvemos.',
    ],
    action: { label: 'Ver mi pedido', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Your order <%= it.orderNumber %>: the server delivered differs from the one ordered',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'To get your server to you sooner, we assigned one that is not exactly what you ordered in <%= it.orderNumber %>:',
      'Plan: you ordered <%= it.orderedPlan %>, you get <%= it.deliveredPlan %>.',
      'Region: you ordered <%= it.orderedRegion %>, you get <%= it.deliveredRegion %>.',
      'Renewals will be billed for the plan and region you get. If you prefer what you ordered, reply to this e-mail or open a ticket and we will sort it out.',
    ],
    action: { label: 'View my order', url: '<%= it.link %>' },
  },
});

export const VPS_EMAILS = [vpsReady, orderDeliveredDifferently];

export const VPS_TEMPLATES = {
  'vps-ready': builtIn(vpsReady),
  'order-delivered-differently': builtIn(orderDeliveredDifferently),
} as const;

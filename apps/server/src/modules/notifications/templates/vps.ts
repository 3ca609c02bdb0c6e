import { layout, type Brand, type Language, type RenderedEmail } from './layout.ts';

/** "Your server is ready": access data without the password itself (it is shown in the panel after a step-up). */
export interface VpsReadyData {
  name: string;
  orderNumber: string | null;
  serverName: string;
  ipv4: string;
  user: string;
  link: string;
}

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

export const VPS_TEMPLATES = {
  'order-delivered-differently': (
    d: DeliveredDifferentlyData,
    brand: Brand,
    language: Language,
  ): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Tu pedido ${d.orderNumber}: el servidor entregado es distinto al pedido`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Para entregarte tu servidor cuanto antes, te asignamos uno que no es exactamente el que pediste en ${d.orderNumber}:`,
            `Plan: pediste ${d.orderedPlan}, recibes ${d.deliveredPlan}.`,
            `Región: pediste ${d.orderedRegion}, recibes ${d.deliveredRegion}.`,
            'Las renovaciones se facturarán según el plan y la región que recibes. Si prefieres lo que pediste, responde a este correo o abre un ticket y lo resolvemos.',
          ],
          action: { label: 'Ver mi pedido', url: d.link },
        })
      : layout(brand, language, {
          subject: `Your order ${d.orderNumber}: the server delivered differs from the one ordered`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `To get your server to you sooner, we assigned one that is not exactly what you ordered in ${d.orderNumber}:`,
            `Plan: you ordered ${d.orderedPlan}, you get ${d.deliveredPlan}.`,
            `Region: you ordered ${d.orderedRegion}, you get ${d.deliveredRegion}.`,
            'Renewals will be billed for the plan and region you get. If you prefer what you ordered, reply to this e-mail or open a ticket and we will sort it out.',
          ],
          action: { label: 'View my order', url: d.link },
        }),

  'vps-ready': (d: VpsReadyData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Tu servidor ${d.serverName} está listo${d.orderNumber ? ` — ${d.orderNumber}` : ''}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Tu servidor ${d.serverName} ya está funcionando.`,
            `Dirección IP: ${d.ipv4}`,
            `Usuario: ${d.user}`,
            'Por seguridad no enviamos la contraseña por correo: la ves en tu panel, en el servidor, con "Mostrar contraseña" (te pediremos la contraseña de tu cuenta).',
          ],
          action: { label: 'Abrir mi servidor', url: d.link },
        })
      : layout(brand, language, {
          subject: `Your server ${d.serverName} is ready${d.orderNumber ? ` — ${d.orderNumber}` : ''}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `Your server ${d.serverName} is up and running.`,
            `IP address: ${d.ipv4}`,
            `User: ${d.user}`,
            'For your security we never e-mail the password: see it in your panel, on the server, with "Show password" (we will ask for your account password).',
          ],
          action: { label: 'Open my server', url: d.link },
        }),
} as const;

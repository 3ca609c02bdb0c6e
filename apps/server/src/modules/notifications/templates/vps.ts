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

export const VPS_TEMPLATES = {
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

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

export const VPS_EMAILS = [vpsReady];

export const VPS_TEMPLATES = {
  'vps-ready': builtIn(vpsReady),
} as const;

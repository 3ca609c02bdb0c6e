import type { LegalDocument } from './legal.schemas.ts';

/**
 * Version 1 of each document, stored the first time it is read so that acceptances always point at a stored text.
 * Sensible defaults for a VPS reseller; the admin edits them under Ajustes → Documentos legales.
 */
export const DEFAULT_LEGAL_TEXTS: Record<LegalDocument, { es: string; en: string }> = {
  terms: {
    es: `# Términos del servicio

## 1. El servicio
Ofrecemos servidores privados virtuales (VPS) alojados en centros de datos de nuestro proveedor. Tú administras el
sistema operativo y todo lo que instales en él.

## 2. Tu cuenta
- Los datos de tu cuenta deben ser verdaderos y estar al día.
- Eres responsable de la seguridad de tus contraseñas, claves SSH y de todo lo que ocurra en tus servidores.

## 3. Uso aceptable
No está permitido usar los servidores para enviar spam, atacar otros sistemas, minar criptomonedas sin autorización,
alojar contenido ilegal ni infringir derechos de terceros. Podemos suspender un servidor que ponga en riesgo a otros
clientes o a la red, y te avisaremos por correo.

## 4. Pagos y renovaciones
- Los precios se muestran antes de pagar e incluyen el periodo contratado (1, 6 o 12 meses).
- El servicio se renueva con una factura antes del vencimiento; si no se paga, el servidor se suspende y, tras el plazo
  de gracia, se elimina junto con sus datos.

## 5. Datos y copias de seguridad
Eres responsable de tus copias de seguridad. Las instantáneas son una ayuda, no una copia de seguridad garantizada.

## 6. Cambios
Podemos actualizar estos términos. Cada versión queda registrada y te pediremos aceptarla en tu siguiente compra.
`,
    en: `# Terms of service

## 1. The service
We provide virtual private servers (VPS) hosted in our provider's data centres. You manage the operating system and
everything you install on it.

## 2. Your account
- Your account details must be true and up to date.
- You are responsible for the security of your passwords, SSH keys and everything that happens on your servers.

## 3. Acceptable use
You may not use the servers to send spam, attack other systems, mine cryptocurrencies without permission, host illegal
content or infringe the rights of others. We may suspend a server that puts other customers or the network at risk,
and we will tell you by e-mail.

## 4. Payments and renewals
- Prices are shown before you pay and cover the period you choose (1, 6 or 12 months).
- The service renews with an invoice before it expires; if it is not paid, the server is suspended and, after the grace
  period, deleted together with its data.

## 5. Data and backups
You are responsible for your backups. Snapshots are a convenience, not a guaranteed backup.

## 6. Changes
We may update these terms. Every version is recorded and we will ask you to accept it on your next purchase.
`,
  },
  privacy: {
    es: `# Política de privacidad

## Qué datos guardamos
- Tu nombre, correo, teléfono y datos de facturación.
- Tus pedidos, facturas, servidores y tickets de soporte.
- Registros técnicos (dirección IP, navegador) para la seguridad de tu cuenta.

## Para qué los usamos
Para prestarte el servicio, facturarlo, darte soporte y cumplir obligaciones legales. No vendemos tus datos.

## Con quién los compartimos
Con nuestro proveedor de infraestructura (para crear tus servidores) y con la pasarela de pago que elijas.

## Tus derechos
Puedes consultar, corregir o pedir la eliminación de tus datos escribiendo a soporte. Conservamos las facturas el
tiempo que exige la ley.
`,
    en: `# Privacy policy

## What we keep
- Your name, e-mail, phone and billing details.
- Your orders, invoices, servers and support tickets.
- Technical records (IP address, browser) for the security of your account.

## What we use it for
To provide the service, bill it, support you and meet legal obligations. We do not sell your data.

## Who we share it with
With our infrastructure provider (to create your servers) and with the payment gateway you choose.

## Your rights
You can see, correct or ask us to delete your data by writing to support. Invoices are kept as long as the law
requires.
`,
  },
  refunds: {
    es: `# Política de reembolsos

- **Pedidos sin entregar:** si aún no hemos preparado tu servidor, puedes cancelar el pedido y te devolvemos el total.
- **Servidores entregados:** los periodos ya iniciados no se reembolsan, salvo que el servicio no haya estado disponible
  por causas nuestras.
- **Cobros duplicados o erróneos:** se devuelven siempre, por el mismo medio de pago.

Para pedir un reembolso, abre un ticket de soporte indicando el número de pedido o de factura.
`,
    en: `# Refund policy

- **Orders not yet delivered:** if we have not prepared your server yet, you can cancel the order and we refund it in
  full.
- **Delivered servers:** periods already started are not refunded, unless the service was unavailable through our
  fault.
- **Duplicate or wrong charges:** always refunded, through the same payment method.

To ask for a refund, open a support ticket with the order or invoice number.
`,
  },
};

import { layout, type Brand, type Language, type RenderedEmail } from './layout.ts';
import { BILLING_EMAILS, BILLING_TEMPLATES } from './billing.ts';
import { ORDER_EMAILS, ORDER_TEMPLATES } from './orders.ts';
import { VPS_EMAILS, VPS_TEMPLATES } from './vps.ts';
import { TICKET_EMAILS, TICKET_TEMPLATES } from './tickets.ts';
import { ACCOUNT_EMAILS } from './account-emails.ts';
import type { EmailDefinition } from './editable.ts';

/**
 * Templates the operator can edit (Ajustes → Correos), by key. They render through the editable engine; the legacy
 * functions below keep the data types and render only the templates not converted yet.
 */
export const EDITABLE_EMAILS: ReadonlyMap<string, EmailDefinition> = new Map(
  [...ACCOUNT_EMAILS, ...ORDER_EMAILS, ...VPS_EMAILS, ...BILLING_EMAILS, ...TICKET_EMAILS].map((d) => [
    d.key,
    d as EmailDefinition,
  ]),
);

/**
 * Every e-mail the platform sends, in Spanish and English (the recipient's language). Later modules add theirs here:
 * a template is a function of its data, the brand and the language.
 */
interface LinkData {
  name: string;
  link: string;
}

const hello = (language: Language, name: string) =>
  language === 'es' ? `Hola${name ? ` ${name}` : ''},` : `Hello${name ? ` ${name}` : ''},`;

interface RegisterAttemptData {
  name: string;
  loginLink: string;
  resetLink: string;
}

export const TEMPLATES = {
  'register-attempt': (d: RegisterAttemptData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Alguien intentó registrarse con tu correo en ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Alguien intentó crear una cuenta en ${brand.companyName} con esta dirección de correo, pero ya tienes una: no creamos otra ni cambiamos nada en la tuya.`,
            `Si fuiste tú, inicia sesión con tu cuenta de siempre. Si olvidaste la contraseña, puedes restablecerla: ${d.resetLink}`,
          ],
          action: { label: 'Iniciar sesión', url: d.loginLink },
          after: ['Si no fuiste tú, puedes ignorar este mensaje: tu cuenta sigue igual.'],
        })
      : layout(brand, language, {
          subject: `Someone tried to sign up with your e-mail at ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Someone tried to create an account at ${brand.companyName} with this e-mail address, but you already have one: we did not create another or change anything in yours.`,
            `If it was you, sign in with your existing account. If you forgot your password, you can reset it: ${d.resetLink}`,
          ],
          action: { label: 'Sign in', url: d.loginLink },
          after: ['If it was not you, you can ignore this message: your account is unchanged.'],
        }),

  'verify-email': (d: LinkData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Confirma tu correo en ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Gracias por registrarte en ${brand.companyName}. Confirma tu dirección de correo para poder contratar servidores.`,
          ],
          action: { label: 'Confirmar mi correo', url: d.link },
          after: [
            'El enlace caduca en 24 horas y solo se puede usar una vez. Si no creaste esta cuenta, ignora este mensaje.',
          ],
        })
      : layout(brand, language, {
          subject: `Confirm your e-mail at ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Thanks for signing up at ${brand.companyName}. Confirm your e-mail address so you can order servers.`,
          ],
          action: { label: 'Confirm my e-mail', url: d.link },
          after: [
            'The link expires in 24 hours and works once. If you did not create this account, ignore this message.',
          ],
        }),

  'email-change': (d: LinkData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Confirma tu nuevo correo en ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: ['Pediste usar esta dirección en tu cuenta. Confírmala para completar el cambio.'],
          action: { label: 'Confirmar nuevo correo', url: d.link },
          after: ['El enlace caduca en 24 horas. Si no pediste este cambio, ignora este mensaje.'],
        })
      : layout(brand, language, {
          subject: `Confirm your new e-mail at ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: ['You asked to use this address on your account. Confirm it to complete the change.'],
          action: { label: 'Confirm new e-mail', url: d.link },
          after: ['The link expires in 24 hours. If you did not ask for this change, ignore this message.'],
        }),

  'reset-password': (d: LinkData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Restablece tu contraseña de ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: ['Recibimos una solicitud para restablecer tu contraseña.'],
          action: { label: 'Elegir una nueva contraseña', url: d.link },
          after: [
            'El enlace caduca en 1 hora y solo se puede usar una vez. Al cambiarla se cerrarán todas tus sesiones.',
            'Si no lo pediste, ignora este mensaje: tu contraseña no cambiará.',
          ],
        })
      : layout(brand, language, {
          subject: `Reset your ${brand.companyName} password`,
          greeting: hello(language, d.name),
          paragraphs: ['We received a request to reset your password.'],
          action: { label: 'Choose a new password', url: d.link },
          after: [
            'The link expires in 1 hour and works once. Changing it signs you out everywhere.',
            'If you did not ask for this, ignore this message: your password will not change.',
          ],
        }),

  /** Security notice after a password change or reset; the link leads to "forgot password" in case it was not them. */
  'password-changed': (d: LinkData & { when: string }, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Tu contraseña de ${brand.companyName} cambió`,
          greeting: hello(language, d.name),
          paragraphs: [
            `La contraseña de tu cuenta se cambió el ${d.when} (UTC) y cerramos las demás sesiones abiertas.`,
            'Si fuiste tú, no tienes que hacer nada. Si no fuiste tú, restablécela ahora y escríbenos.',
          ],
          action: { label: 'Restablecer mi contraseña', url: d.link },
        })
      : layout(brand, language, {
          subject: `Your ${brand.companyName} password changed`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Your account's password was changed on ${d.when} (UTC) and your other sessions were signed out.`,
            'If it was you, there is nothing to do. If it was not, reset it now and write to us.',
          ],
          action: { label: 'Reset my password', url: d.link },
        }),

  /** A staff invitation: the set-password link of a new staff account (the reset flow, worded as an invitation). */
  'staff-invite': (d: LinkData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Te invitaron al equipo de ${brand.companyName}`,
          greeting: hello(language, d.name),
          paragraphs: [
            `Tienes una cuenta de equipo en ${brand.companyName}. Elige tu contraseña para entrar al panel de administración.`,
          ],
          action: { label: 'Elegir mi contraseña', url: d.link },
          after: ['El enlace caduca en 1 hora; si caduca, pide a un administrador que te lo envíe de nuevo.'],
        })
      : layout(brand, language, {
          subject: `You were invited to the ${brand.companyName} team`,
          greeting: hello(language, d.name),
          paragraphs: [
            `You have a staff account at ${brand.companyName}. Choose your password to enter the admin panel.`,
          ],
          action: { label: 'Choose my password', url: d.link },
          after: ['The link expires in 1 hour; if it does, ask an administrator to send it again.'],
        }),

  ...ORDER_TEMPLATES,
  ...VPS_TEMPLATES,
  ...BILLING_TEMPLATES,
  ...TICKET_TEMPLATES,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateData<T extends TemplateName> = Parameters<(typeof TEMPLATES)[T]>[0];

export function renderTemplate<T extends TemplateName>(
  template: T,
  data: TemplateData<T>,
  brand: Brand,
  language: Language,
): RenderedEmail {
  return (TEMPLATES[template] as (d: TemplateData<T>, b: Brand, l: Language) => RenderedEmail)(
    data,
    brand,
    language,
  );
}

export type { Brand, Language, RenderedEmail };

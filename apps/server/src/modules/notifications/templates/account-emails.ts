import { defineEmail } from './editable.ts';

/**
 * Account e-mails as editable data (see `editable.ts`). Adding a template is one entry here (or in a file of your
 * module registered in `EDITABLE_EMAILS`): variables with samples, and the content in Spanish and English.
 */
const LINK = 'https://cloudvertice.example/verify-email/ejemplo';

export const ACCOUNT_EMAILS = [
  defineEmail({
    key: 'register-attempt',
    description: {
      es: 'Aviso de un registro con un correo que ya tiene cuenta',
      en: 'Notice of a sign-up with an address that already has an account',
    },
    variables: {
      name: 'Ana',
      loginLink: 'https://cloudvertice.example/login',
      resetLink: 'https://cloudvertice.example/forgot-password',
    },
    es: {
      subject: 'Alguien intentó registrarse con tu correo en <%= it.company %>',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'Alguien intentó crear una cuenta en <%= it.company %> con esta dirección de correo, pero ya tienes una: no creamos otra ni cambiamos nada en la tuya.',
        'Si fuiste tú, inicia sesión con tu cuenta de siempre. Si olvidaste la contraseña, puedes restablecerla: <%= it.resetLink %>',
      ],
      action: { label: 'Iniciar sesión', url: '<%= it.loginLink %>' },
      after: ['Si no fuiste tú, puedes ignorar este mensaje: tu cuenta sigue igual.'],
    },
    en: {
      subject: 'Someone tried to sign up with your e-mail at <%= it.company %>',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'Someone tried to create an account at <%= it.company %> with this e-mail address, but you already have one: we did not create another or change anything in yours.',
        'If it was you, sign in with your existing account. If you forgot your password, you can reset it: <%= it.resetLink %>',
      ],
      action: { label: 'Sign in', url: '<%= it.loginLink %>' },
      after: ['If it was not you, you can ignore this message: your account is unchanged.'],
    },
  }),
  defineEmail({
    key: 'verify-email',
    description: { es: 'Confirmación del correo al registrarse', en: 'E-mail confirmation after sign-up' },
    variables: { name: 'Ana', link: LINK },
    es: {
      subject: 'Confirma tu correo en <%= it.company %>',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'Gracias por registrarte en <%= it.company %>. Confirma tu dirección de correo para poder contratar servidores.',
      ],
      action: { label: 'Confirmar mi correo', url: '<%= it.link %>' },
      after: [
        'El enlace caduca en 24 horas y solo se puede usar una vez. Si no creaste esta cuenta, ignora este mensaje.',
      ],
    },
    en: {
      subject: 'Confirm your e-mail at <%= it.company %>',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'Thanks for signing up at <%= it.company %>. Confirm your e-mail address so you can order servers.',
      ],
      action: { label: 'Confirm my e-mail', url: '<%= it.link %>' },
      after: [
        'The link expires in 24 hours and works once. If you did not create this account, ignore this message.',
      ],
    },
  }),
  defineEmail({
    key: 'email-change',
    description: { es: 'Confirmación de un nuevo correo', en: 'Confirmation of a new e-mail address' },
    variables: { name: 'Ana', link: LINK },
    es: {
      subject: 'Confirma tu nuevo correo en <%= it.company %>',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: ['Pediste usar esta dirección en tu cuenta. Confírmala para completar el cambio.'],
      action: { label: 'Confirmar nuevo correo', url: '<%= it.link %>' },
      after: ['El enlace caduca en 24 horas. Si no pediste este cambio, ignora este mensaje.'],
    },
    en: {
      subject: 'Confirm your new e-mail at <%= it.company %>',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: ['You asked to use this address on your account. Confirm it to complete the change.'],
      action: { label: 'Confirm new e-mail', url: '<%= it.link %>' },
      after: ['The link expires in 24 hours. If you did not ask for this change, ignore this message.'],
    },
  }),
  defineEmail({
    key: 'reset-password',
    description: { es: 'Restablecer la contraseña', en: 'Password reset' },
    variables: { name: 'Ana', link: 'https://cloudvertice.example/reset-password/ejemplo' },
    es: {
      subject: 'Restablece tu contraseña de <%= it.company %>',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: ['Recibimos una solicitud para restablecer tu contraseña.'],
      action: { label: 'Elegir una nueva contraseña', url: '<%= it.link %>' },
      after: [
        'El enlace caduca en 1 hora y solo se puede usar una vez. Al cambiarla se cerrarán todas tus sesiones.',
        'Si no lo pediste, ignora este mensaje: tu contraseña no cambiará.',
      ],
    },
    en: {
      subject: 'Reset your <%= it.company %> password',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: ['We received a request to reset your password.'],
      action: { label: 'Choose a new password', url: '<%= it.link %>' },
      after: [
        'The link expires in 1 hour and works once. Changing it signs you out everywhere.',
        'If you did not ask for this, ignore this message: your password will not change.',
      ],
    },
  }),
  defineEmail({
    key: 'password-changed',
    description: { es: 'Aviso de contraseña cambiada', en: 'Password changed notice' },
    variables: {
      name: 'Ana',
      when: '2026-01-15 10:30',
      link: 'https://cloudvertice.example/forgot-password',
    },
    es: {
      subject: 'Tu contraseña de <%= it.company %> cambió',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'La contraseña de tu cuenta se cambió el <%= it.when %> (UTC) y cerramos las demás sesiones abiertas.',
        'Si fuiste tú, no tienes que hacer nada. Si no fuiste tú, restablécela ahora y escríbenos.',
      ],
      action: { label: 'Restablecer mi contraseña', url: '<%= it.link %>' },
    },
    en: {
      subject: 'Your <%= it.company %> password changed',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        "Your account's password was changed on <%= it.when %> (UTC) and your other sessions were signed out.",
        'If it was you, there is nothing to do. If it was not, reset it now and write to us.',
      ],
      action: { label: 'Reset my password', url: '<%= it.link %>' },
    },
  }),
  defineEmail({
    key: 'staff-invite',
    description: { es: 'Invitación al equipo', en: 'Staff invitation' },
    variables: { name: 'Sofía', link: 'https://cloudvertice.example/reset-password/ejemplo' },
    es: {
      subject: 'Te invitaron al equipo de <%= it.company %>',
      greeting: 'Hola<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'Tienes una cuenta de equipo en <%= it.company %>. Elige tu contraseña para entrar al panel de administración.',
      ],
      action: { label: 'Elegir mi contraseña', url: '<%= it.link %>' },
      after: ['El enlace caduca en 1 hora; si caduca, pide a un administrador que te lo envíe de nuevo.'],
    },
    en: {
      subject: 'You were invited to the <%= it.company %> team',
      greeting: 'Hello<% if (it.name) { %> <%= it.name %><% } %>,',
      paragraphs: [
        'You have a staff account at <%= it.company %>. Choose your password to enter the admin panel.',
      ],
      action: { label: 'Choose my password', url: '<%= it.link %>' },
      after: ['The link expires in 1 hour; if it does, ask an administrator to send it again.'],
    },
  }),
];

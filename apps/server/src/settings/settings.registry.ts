import { z } from 'zod';

/**
 * Every admin-editable business setting: key → zod schema with its default. Secret settings (gateway keys) are
 * stored encrypted and never returned to the browser. Later modules add their keys here.
 */
export const SETTINGS = {
  'company.name': { schema: z.string().min(1).max(100), default: 'Cloud Vértice', secret: false },
  'company.legalName': { schema: z.string().max(200), default: 'Cloud Vértice S.A.S.', secret: false },
  'company.address': {
    schema: z.string().max(500),
    default: 'Av. Principal 123, Bogotá, Colombia',
    secret: false,
  },
  'company.taxId': { schema: z.string().max(50), default: '900.123.456-7', secret: false },
  'company.email': { schema: z.email(), default: 'soporte@cloudvertice.local', secret: false },
  'company.phone': { schema: z.string().max(30), default: '+57 601 000 0000', secret: false },
  /** Shown in e-mails (PNG: e-mail clients block SVG) and printed on invoices when it is a PNG/JPEG of the web app. */
  'company.logoUrl': { schema: z.string().max(500), default: '/logo.png', secret: false },
  /** Accent colour of e-mails (button, top border). */
  'company.primaryColor': {
    schema: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    default: '#2563eb',
    secret: false,
  },
  'store.currency': { schema: z.string().length(3), default: 'USD', secret: false },
  'orders.unpaidCancelDays': { schema: z.number().int().min(1).max(90), default: 7, secret: false },
  'security.requireAdmin2fa': { schema: z.boolean(), default: false, secret: false },
  /** Contract period of instances created through Contabo's API: the operator's, not the customer's (1, 12 or 24). */
  'contabo.contractPeriod': {
    schema: z.union([z.literal(1), z.literal(12), z.literal(24)]),
    default: 1,
    secret: false,
  },
  /**
   * Contabo API connection saved in Ajustes → Contabo (encrypted, write-only). CONTABO_* environment variables win.
   * The URLs default to Contabo's; pointing them elsewhere (a staging simulator) is the operator's choice.
   */
  'contabo.connection': {
    schema: z.object({
      clientId: z.string().max(200),
      clientSecret: z.string().max(300),
      apiUser: z.string().max(200),
      apiPassword: z.string().max(300),
      authUrl: z.url().max(500),
      apiUrl: z.url().max(500),
    }),
    default: {
      clientId: '',
      clientSecret: '',
      apiUser: '',
      apiPassword: '',
      authUrl: 'https://auth.contabo.com/auth/realms/contabo/protocol/openid-connect/token',
      apiUrl: 'https://api.contabo.com',
    },
    secret: true,
  },
  /** Minutes between two syncs of the VPS list with Contabo (the cron runs every minute and skips the others). */
  'contabo.syncIntervalMinutes': { schema: z.number().int().min(1).max(60), default: 1, secret: false },
  /** Client-side rate limit towards Contabo (requests per second, bursts of twice as many); 0 = CONTABO_RATE_LIMIT_PER_SECOND. */
  'contabo.rateLimitPerSecond': { schema: z.number().min(0).max(50), default: 0, secret: false },
  'payments.bankTransfer.enabled': { schema: z.boolean(), default: true, secret: false },
  'payments.bankTransfer.details': {
    schema: z.object({
      bankName: z.string().max(100),
      accountHolder: z.string().max(200),
      accountNumber: z.string().max(100),
      swift: z.string().max(20),
      note: z.string().max(500),
    }),
    default: {
      bankName: 'Banco de Ejemplo',
      accountHolder: 'Cloud Vértice S.A.S.',
      accountNumber: '000-123456-78',
      swift: 'EXAMCOBB',
      note: 'Usa como referencia el número indicado arriba; confirmamos el pago en 1 día hábil.',
    },
    secret: false,
  },
  /** MercadoPago charges in a local currency: the store price is converted with this admin-set rate. */
  'payments.mercadopago.currency': { schema: z.string().length(3), default: 'USD', secret: false },
  'payments.mercadopago.exchangeRate': { schema: z.number().positive(), default: 1, secret: false },
  /** Gateway credentials set by the admin (encrypted); environment variables win over them. */
  'payments.stripe.credentials': {
    schema: z.object({ secretKey: z.string().max(300), webhookSecret: z.string().max(300) }),
    default: { secretKey: '', webhookSecret: '' },
    secret: true,
  },
  'payments.mercadopago.credentials': {
    schema: z.object({ accessToken: z.string().max(300), webhookSecret: z.string().max(300) }),
    default: { accessToken: '', webhookSecret: '' },
    secret: true,
  },
  'payments.paypal.credentials': {
    schema: z.object({
      clientId: z.string().max(300),
      clientSecret: z.string().max(300),
      webhookId: z.string().max(300),
      mode: z.enum(['sandbox', 'live']),
    }),
    default: { clientId: '', clientSecret: '', webhookId: '', mode: 'live' as const },
    secret: true,
  },
  /** Invoice numbers read `<prefix>-<year>-<6 digits>`, gap-free per year. */
  'billing.invoicePrefix': {
    schema: z
      .string()
      .min(1)
      .max(10)
      .regex(/^[A-Za-z0-9]+$/),
    default: 'CV',
    secret: false,
  },
  'billing.taxName': { schema: z.string().max(30), default: 'IVA', secret: false },
  /** Percent, e.g. 19 for 19 %. */
  'billing.taxRate': { schema: z.number().min(0).max(100), default: 0, secret: false },
  /** exclusive: tax is added on top of the prices; inclusive: the prices already contain it. */
  'billing.taxMode': { schema: z.enum(['inclusive', 'exclusive']), default: 'exclusive', secret: false },
  /** The renewal invoice is issued this many days before the service expires (due at expiry). */
  'billing.renewalDaysBefore': { schema: z.number().int().min(1).max(60), default: 7, secret: false },
  /** Days after an unpaid renewal's due date before the service is suspended (and stopped). */
  'billing.suspendAfterDays': { schema: z.number().int().min(0).max(60), default: 3, secret: false },
  /** Per-country tax rates (ISO 3166-1 alpha-2 → percent) that replace `billing.taxRate` for those customers. */
  'billing.taxRatesByCountry': {
    schema: z.record(z.string().regex(/^[A-Z]{2}$/), z.number().min(0).max(100)),
    default: {} as Record<string, number>,
    secret: false,
  },
  /** Renewal reminders by e-mail, this many days before the service expires (the latest one passed is sent). */
  'billing.reminderDays': {
    schema: z.array(z.number().int().min(1).max(60)).max(5),
    default: [7, 3, 1],
    secret: false,
  },
  /** Days a service stays suspended before it is terminated. */
  'billing.terminateAfterDays': { schema: z.number().int().min(1).max(365), default: 14, secret: false },
  /** The termination warning e-mail goes out this many days before. */
  'billing.terminationWarningDays': { schema: z.number().int().min(1).max(30), default: 3, secret: false },
  /** On: terminated services are cancelled at Contabo through the API; off: an admin task is opened instead. */
  /**
   * Reports in the base currency (`store.currency`): units of the base currency per unit of another currency, used
   * only for an invoice whose payment did not freeze a rate to the base currency (e.g. paid in its own currency).
   */
  'reports.exchangeRates': {
    schema: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive()),
    default: {} as Record<string, number>,
    secret: false,
  },
  /** The console flags paid orders still waiting for fulfilment after this many hours. */
  'console.paidWaitingAlertHours': { schema: z.number().int().min(1).max(168), default: 4, secret: false },
  'billing.cancelAtContabo': { schema: z.boolean(), default: false, secret: false },
  /** Support ticket departments (codes; the web app names them). */
  'tickets.departments': {
    schema: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{0,29}$/))
      .min(1)
      .max(20),
    default: ['technical', 'billing', 'sales'],
    secret: false,
  },
  /** Tickets waiting on the customer (`answered`) this many days close themselves, with an e-mail. */
  'tickets.autoCloseDays': { schema: z.number().int().min(1).max(90), default: 5, secret: false },
  /** A customer reply within this many days of closing reopens the ticket; later it starts a new one. */
  'tickets.reopenDays': { schema: z.number().int().min(0).max(365), default: 14, secret: false },
  /**
   * Reply by e-mail: the support mailbox (its address is the base of each ticket's signed reply address) and its IMAP
   * access. Stored encrypted (it holds the password); the feature is off until host, user and address are set.
   */
  'tickets.inbound': {
    schema: z.object({
      address: z.union([z.literal(''), z.email().max(200)]),
      host: z.string().max(255),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean(),
      user: z.string().max(255),
      password: z.string().max(500),
      folder: z.string().min(1).max(200),
    }),
    default: { address: '', host: '', port: 993, secure: true, user: '', password: '', folder: 'INBOX' },
    secret: true,
  },
  'tickets.maxFilesPerMessage': { schema: z.number().int().min(0).max(20), default: 5, secret: false },
  'tickets.maxFileBytes': {
    schema: z
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024),
    default: 10 * 1024 * 1024,
    secret: false,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

/** The company as a party: what invoices print as the seller and the public site shows as the company. */
export const COMPANY_PARTY_KEYS = [
  'company.name',
  'company.legalName',
  'company.address',
  'company.taxId',
  'company.email',
  'company.phone',
] as const satisfies readonly SettingKey[];

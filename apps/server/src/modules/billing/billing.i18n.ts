export type InvoiceLanguage = 'es' | 'en';

export const languageOf = (value: string | null | undefined): InvoiceLanguage =>
  value === 'en' ? 'en' : 'es';

/** Words printed on invoices and their lines, in the customer's language. */
export const INVOICE_TEXT = {
  es: {
    invoice: 'Factura',
    number: 'Número',
    issued: 'Fecha de emisión',
    due: 'Vencimiento',
    paid: 'Pagada el',
    status: 'Estado',
    seller: 'Emisor',
    billTo: 'Facturar a',
    taxId: 'NIF/NIT',
    description: 'Descripción',
    quantity: 'Cant.',
    unitPrice: 'Precio unitario',
    discount: 'Descuento',
    tax: 'Impuesto',
    total: 'Total',
    subtotal: 'Subtotal',
    taxIncluded: 'incluido',
    statuses: { draft: 'Borrador', issued: 'Emitida', paid: 'Pagada', overdue: 'Vencida', void: 'Anulada' },
    months: (n: number) => (n === 1 ? '1 mes' : `${n} meses`),
    region: 'Región',
    plan: 'Servidor VPS',
    server: 'Servidor',
    setupFee: 'Cargo de instalación',
    regionSurcharge: 'Recargo de región',
    order: 'Pedido',
    renewal: 'Renovación',
    creditNote: 'Nota de crédito',
    creditFor: 'Rectifica la factura',
    partialCredit: 'Abono parcial',
    footer: 'Gracias por confiar en nosotros. Conserve esta factura para su contabilidad.',
  },
  en: {
    invoice: 'Invoice',
    number: 'Number',
    issued: 'Issue date',
    due: 'Due date',
    paid: 'Paid on',
    status: 'Status',
    seller: 'From',
    billTo: 'Bill to',
    taxId: 'Tax ID',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    tax: 'Tax',
    total: 'Total',
    subtotal: 'Subtotal',
    taxIncluded: 'included',
    statuses: { draft: 'Draft', issued: 'Issued', paid: 'Paid', overdue: 'Overdue', void: 'Void' },
    months: (n: number) => (n === 1 ? '1 month' : `${n} months`),
    region: 'Region',
    plan: 'VPS server',
    server: 'Server',
    setupFee: 'Setup fee',
    regionSurcharge: 'Region surcharge',
    order: 'Order',
    renewal: 'Renewal',
    creditNote: 'Credit note',
    creditFor: 'Corrects invoice',
    partialCredit: 'Partial credit',
    footer: 'Thank you for your business. Keep this invoice for your records.',
  },
} as const;

/** Dates on invoices are calendar dates in UTC (YYYY-MM-DD), the same for every reader. */
export const isoDay = (date: Date | null | undefined): string =>
  date ? date.toISOString().slice(0, 10) : '';

export const localeOf = (language: InvoiceLanguage) => (language === 'en' ? 'en-US' : 'es-ES');

/** "Servidor VPS 10 NVMe", not "Servidor VPS VPS 10 NVMe": plan names often start with "VPS" already. */
export const planLabel = (
  text: (typeof INVOICE_TEXT)[InvoiceLanguage],
  plan: string | null | undefined,
): string => (/^VPS\b/i.test(plan ?? '') ? `${text.server} ${plan}` : `${text.plan} ${plan ?? ''}`.trim());

/** Contabo's region codes by their name in each language (the catalog stores the English name). */
const REGION_NAMES: Record<InvoiceLanguage, Record<string, string>> = {
  es: {
    EU: 'Unión Europea',
    'US-central': 'EE. UU. (centro)',
    'US-east': 'EE. UU. (este)',
    'US-west': 'EE. UU. (oeste)',
    SIN: 'Singapur',
    UK: 'Reino Unido',
    AUS: 'Australia',
    JPN: 'Japón',
    IND: 'India',
  },
  en: {
    EU: 'European Union',
    'US-central': 'US (Central)',
    'US-east': 'US (East)',
    'US-west': 'US (West)',
    SIN: 'Singapore',
    UK: 'United Kingdom',
    AUS: 'Australia',
    JPN: 'Japan',
    IND: 'India',
  },
};

/** A region's name in the invoice's language; unknown codes keep the catalog's name. */
export const regionLabel = (
  language: InvoiceLanguage,
  code: string | null | undefined,
  fallback: string | null | undefined,
): string => (code && REGION_NAMES[language][code]) || fallback || code || '';

import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatMoney } from '../../lib/money.ts';
import { INVOICE_TEXT, isoDay, languageOf, localeOf } from './billing.i18n.ts';
import type { TInvoiceDetail, TParty } from './billing.schemas.ts';

const require = createRequire(import.meta.url);
/** DejaVu covers accents, ñ and € (pdfkit's standard fonts stop at WinAnsi). */
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface RenderOptions {
  /** Tests may switch stream compression off; production output is compressed. */
  compress?: boolean;
  /** The company's logo (PNG or JPEG) from settings; without one the Cloud Vértice mark is drawn. */
  logo?: Buffer | null;
}

/** The built-in brand mark (the favicon's drawing) in vector, `size` points wide, top-left at (x, y). */
function drawMark(doc: PDFKit.PDFDocument, x: number, y: number, size: number): void {
  const k = size / 32;
  doc.save();
  doc.roundedRect(x, y, size, size, 7 * k).fill('#4338ca');
  doc
    .moveTo(x + 8 * k, y + 10 * k)
    .lineTo(x + 16 * k, y + 24 * k)
    .lineTo(x + 24 * k, y + 10 * k)
    .lineWidth(3.2 * k)
    .lineCap('round')
    .lineJoin('round')
    .stroke('#ffffff');
  doc.circle(x + 16 * k, y + 8 * k, 2.4 * k).fill('#a5b4fc');
  doc.restore();
}

function partyLines(party: TParty, taxIdLabel: string): string[] {
  return [
    party.companyName ?? '',
    party.name,
    party.taxId ? `${taxIdLabel}: ${party.taxId}` : '',
    party.address ?? '',
    party.country ?? '',
    party.email ?? '',
    party.phone ?? '',
  ].filter((line) => line.trim() !== '');
}

/**
 * The invoice as a PDF in the customer's language. Deterministic: the document dates come from the invoice, and
 * pdfkit derives the file id from them, so the same invoice always renders the same bytes.
 */
export function renderInvoicePdf(invoice: TInvoiceDetail, options: RenderOptions = {}): Promise<Buffer> {
  const language = languageOf(invoice.language);
  const text = INVOICE_TEXT[language];
  const locale = localeOf(language);
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);
  const date = invoice.issuedAt ?? new Date(0);
  const title = invoice.type === 'credit_note' ? text.creditNote : text.invoice;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    info: {
      Title: `${title} ${invoice.invoiceNumber ?? ''}`.trim(),
      Author: String(invoice.seller.name ?? ''),
      Creator: 'Cloud Vértice',
      Producer: 'Cloud Vértice',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);

  if (options.logo) doc.image(options.logo, 485, 45, { fit: [60, 60], align: 'right' });
  else drawMark(doc, 509, 45, 36);
  doc
    .font('bold')
    .fillColor('#000000')
    .fontSize(20)
    .text(`${title} ${invoice.invoiceNumber ?? ''}`, 50, 50);
  doc.font('regular').fontSize(10);
  const meta = [
    `${text.issued}: ${isoDay(invoice.issuedAt)}`,
    invoice.referenceInvoiceNumber ? `${text.creditFor}: ${invoice.referenceInvoiceNumber}` : '',
    invoice.dueAt ? `${text.due}: ${isoDay(invoice.dueAt)}` : '',
    invoice.paidAt ? `${text.paid}: ${isoDay(invoice.paidAt)}` : '',
    `${text.status}: ${text.statuses[invoice.status]}`,
  ].filter(Boolean);
  doc.text(meta.join('\n'), 50, 80);

  const partiesTop = 150;
  doc.font('bold').text(text.seller, 50, partiesTop);
  doc
    .font('regular')
    .text(partyLines(invoice.seller, text.taxId).join('\n'), 50, partiesTop + 15, { width: 230 });
  doc.font('bold').text(text.billTo, 310, partiesTop);
  doc
    .font('regular')
    .text(partyLines(invoice.billTo, text.taxId).join('\n'), 310, partiesTop + 15, { width: 230 });

  const columns = [
    { label: text.description, x: 50, width: 200, align: 'left' as const },
    { label: text.quantity, x: 255, width: 35, align: 'right' as const },
    { label: text.unitPrice, x: 295, width: 75, align: 'right' as const },
    { label: text.discount, x: 375, width: 55, align: 'right' as const },
    { label: text.tax, x: 435, width: 50, align: 'right' as const },
    { label: text.total, x: 490, width: 55, align: 'right' as const },
  ];
  let y = 290;
  doc.font('bold').fontSize(9);
  for (const c of columns) doc.text(c.label, c.x, y, { width: c.width, align: c.align });
  y += 18;
  doc
    .moveTo(50, y - 4)
    .lineTo(545, y - 4)
    .stroke();
  doc.font('regular');
  for (const item of invoice.items) {
    const cells = [
      item.description,
      String(item.quantity),
      money(item.unitPriceMinor),
      money(item.discountMinor),
      money(item.taxMinor),
      money(item.totalMinor),
    ];
    const height = doc.heightOfString(item.description, { width: columns[0]!.width });
    if (y + height > 740) {
      doc.addPage();
      y = 50;
    }
    columns.forEach((c, i) => doc.text(cells[i]!, c.x, y, { width: c.width, align: c.align }));
    y += Math.max(height, 12) + 8;
  }
  doc.moveTo(50, y).lineTo(545, y).stroke();
  y += 10;

  const taxLabel =
    `${invoice.taxName ?? text.tax} ${invoice.taxRate ?? 0} %` +
    (invoice.taxMode === 'inclusive' ? ` (${text.taxIncluded})` : '');
  const totals: Array<[string, number, boolean]> = [
    [text.subtotal, invoice.subtotalMinor, false],
    [text.discount, invoice.discountMinor, false],
    [taxLabel, invoice.taxMinor, false],
    [text.total, invoice.totalMinor, true],
  ];
  doc.fontSize(10);
  for (const [label, amount, strong] of totals) {
    doc.font(strong ? 'bold' : 'regular');
    doc.text(label, 300, y, { width: 150, align: 'right' });
    doc.text(money(amount), 455, y, { width: 90, align: 'right' });
    y += 16;
  }
  doc
    .font('regular')
    .fontSize(8)
    .text(text.footer, 50, Math.max(y + 30, 700), { width: 495 });
  doc.end();
  return done;
}

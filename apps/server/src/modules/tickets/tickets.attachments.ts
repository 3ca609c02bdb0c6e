import { fileTypeFromBuffer } from 'file-type';
import { AppError, badRequest } from '../../lib/errors.ts';

/** A file as received (multipart upload or e-mail attachment), before any check. */
export interface IncomingFile {
  filename: string;
  data: Buffer;
}

export interface CheckedFile {
  filename: string;
  data: Buffer;
  contentType: string;
}

/** What may be attached, by sniffed type; anything else is refused with 415. */
const ALLOWED_BINARY = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/zip',
]);

/** Text that a browser would treat as markup is refused even though it is text: it must never render in our origin. */
const MARKUP = /^(?:\uFEFF)?\s*<(?:!doctype|html|svg|\?xml|script|head|body|iframe)\b/i;

function isPlainText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return false;
  }
  return !MARKUP.test(data.subarray(0, 1024).toString('utf8'));
}

/** Type by content, never by name or by the uploader's claim: images, PDF, zip, and plain UTF-8 text (logs). */
export async function sniffContentType(data: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return ALLOWED_BINARY.has(detected.mime) ? detected.mime : null;
  return isPlainText(data) ? 'text/plain; charset=utf-8' : null;
}

/** A name safe to show and to put in Content-Disposition: no path, no control characters, bounded length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'archivo').slice(0, 200);
}

export async function checkAttachments(
  files: IncomingFile[],
  limits: { maxFiles: number; maxBytes: number },
): Promise<CheckedFile[]> {
  if (files.length > limits.maxFiles) {
    throw badRequest(`At most ${limits.maxFiles} files per message`, { maxFiles: limits.maxFiles });
  }
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const filename = cleanFilename(file.filename);
    if (file.data.length > limits.maxBytes) {
      throw new AppError('payload_too_large', `"${filename}" is larger than ${limits.maxBytes} bytes`, {
        filename,
        maxBytes: limits.maxBytes,
      });
    }
    if (file.data.length === 0) throw badRequest(`"${filename}" is empty`, { filename });
    const contentType = await sniffContentType(file.data);
    if (!contentType) {
      throw new AppError(
        'unsupported_media_type',
        `"${filename}" is not an accepted file type (images, PDF, text or log files, zip)`,
        { filename },
      );
    }
    checked.push({ filename, data: file.data, contentType });
  }
  return checked;
}

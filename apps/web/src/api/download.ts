// Files the API serves behind the session (invoice PDFs, the accounting CSV): fetched with the session cookie, then
// handed to the browser as a download. A plain link would also work with the cookie, but fetching first lets the
// page show progress and a translated error instead of a raw error page.
import { ApiError, buildUrl, CLIENT_ERROR_CODES, type QueryValue } from './client.ts';

/** The file name from `Content-Disposition` (`filename*=` first, then `filename=`), or null. */
export function filenameFrom(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Fetches a file and saves it with the server's file name (else `fallbackName`). */
export async function downloadFile(
  path: string,
  fallbackName: string,
  query?: Record<string, QueryValue>,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { credentials: 'include' });
  } catch {
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message: 'Network request failed' });
  }
  const requestId = response.headers.get('x-request-id');
  if (!response.ok) {
    let code = `http_${response.status}`;
    let message = response.statusText || 'Request failed';
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.code) code = body.error.code;
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON
    }
    throw new ApiError({ status: response.status, code, message, requestId });
  }
  const blob = await response.blob();
  const name = filenameFrom(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

// A staff member's read-only "view as customer" tab: the token lives in this tab's sessionStorage only, and while it
// is valid every API request of the tab carries it instead of the (staff) session cookie. The server refuses every
// change made with it; the panel shows a banner.
const KEY = 'cv.viewAs';

export type ViewAs = { token: string; expiresAt: string; email: string };

export function readViewAs(): ViewAs | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as ViewAs;
    if (!value.token || Date.parse(value.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return value;
  } catch {
    return null;
  }
}

export function startViewAsTab(value: ViewAs): void {
  sessionStorage.setItem(KEY, JSON.stringify(value));
}

export function endViewAsTab(): void {
  sessionStorage.removeItem(KEY);
}

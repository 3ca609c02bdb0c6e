/** Where to go after signing in: only same-site paths (no `//host` or `/\host` tricks); the panel by default. */
export function safeNext(value: string | null | undefined, fallback = '/panel'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

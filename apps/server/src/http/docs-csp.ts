/**
 * The Content-Security-Policy of `/api/docs` (Swagger UI). It replaces the plugin's default, which allowed any
 * https: style and no inline one, so the page logged a violation: Swagger UI's bundle (React) inserts one constant
 * `<style>` element. That element is allowed by its hash, nothing else inline is; scripts come only from our origin.
 * If a Swagger UI upgrade changes that element, the browser test `apps/web/e2e/console-extras.e2e.test.ts` fails and
 * prints the new hash.
 */
export const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

export function docsContentSecurityPolicy(secureContext: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", SWAGGER_UI_STYLE_HASH],
    ...(secureContext ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

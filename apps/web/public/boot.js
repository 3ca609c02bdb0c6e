/* global window, document */
// Runs before the app bundle so the first paint already has the right theme and <html lang> (no flash).
(function () {
  try {
    var theme = localStorage.getItem('theme');
    var dark =
      theme === 'dark' ||
      (theme !== 'light' && window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
    var lang = localStorage.getItem('lang');
    if (lang === 'es' || lang === 'en') document.documentElement.lang = lang;
  } catch {
    // Storage can be blocked; the app falls back to defaults.
  }
})();

// Light/dark theme: follows the system unless the user picks one; the choice is kept in localStorage.
// public/boot.js applies the same rule before the first paint.
import { useCallback, useEffect, useSyncExternalStore } from 'react';

export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

const STORAGE_KEY = 'theme';
const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage blocked: follow the system.
  }
  return 'system';
}

let current: ThemePreference = readPreference();

const systemQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function apply(preference: ThemePreference): void {
  const dark = preference === 'dark' || (preference === 'system' && systemQuery().matches);
  document.documentElement.classList.toggle('dark', dark);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setThemePreference(preference: ThemePreference): void {
  current = preference;
  try {
    if (preference === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  apply(preference);
  listeners.forEach((listener) => listener());
}

export function useTheme() {
  const preference = useSyncExternalStore(subscribe, () => current);

  // While following the system, react to the OS switching between light and dark.
  useEffect(() => {
    if (preference !== 'system') return;
    const query = systemQuery();
    const onChange = () => apply('system');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [preference]);

  const cycle = useCallback(() => {
    const next = THEME_PREFERENCES[(THEME_PREFERENCES.indexOf(current) + 1) % THEME_PREFERENCES.length];
    setThemePreference(next ?? 'system');
  }, []);

  return { preference, setPreference: setThemePreference, cycle };
}

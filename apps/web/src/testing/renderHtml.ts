// For unit tests of shared components (node, no DOM): the HTML a component renders, in Spanish, inside a router.
import i18n from 'i18next';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import es from '../i18n/es.json';

const ready = i18n.isInitialized
  ? Promise.resolve()
  : i18n.use(initReactI18next).init({
      lng: 'es',
      resources: { es: { translation: es } },
      interpolation: { escapeValue: false },
    });

/** `url`: where the router stands (its path and search parameters), `/` by default. */
export async function renderHtml(element: ReactElement, url = '/'): Promise<string> {
  await ready;
  return renderToStaticMarkup(createElement(MemoryRouter, { initialEntries: [url] }, element));
}

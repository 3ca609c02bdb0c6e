// Public catalogue and site settings: fetchers plus TanStack Query hooks. Query keys live here so that
// invalidations elsewhere use the same keys.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { client } from './contract.ts';
import type { ProductQuery } from './models.ts';

export const catalogKeys = {
  site: ['site'] as const,
  products: (query: ProductQuery) => ['products', query] as const,
  product: (id: string) => ['products', 'detail', id] as const,
  regions: ['regions'] as const,
  images: ['images'] as const,
};

const STATIC_STALE_TIME = 5 * 60_000;

export const fetchSite = (signal?: AbortSignal) => client.get('/api/site', { signal });
export const fetchProducts = (query: ProductQuery, signal?: AbortSignal) =>
  client.get('/api/products', { query, signal });
export const fetchProduct = (id: string, signal?: AbortSignal) =>
  client.get('/api/products/{id}', { params: { id }, signal });
export const fetchRegions = (signal?: AbortSignal) => client.get('/api/regions', { signal });
export const fetchImages = (signal?: AbortSignal) => client.get('/api/images', { signal });

export function useSite() {
  return useQuery({
    queryKey: catalogKeys.site,
    queryFn: ({ signal }) => fetchSite(signal),
    staleTime: STATIC_STALE_TIME,
  });
}

/** Keeps the previous page visible while new filters load (no blank list, no layout shift). */
export function useProducts(query: ProductQuery) {
  return useQuery({
    queryKey: catalogKeys.products(query),
    queryFn: ({ signal }) => fetchProducts(query, signal),
    placeholderData: keepPreviousData,
    staleTime: STATIC_STALE_TIME,
  });
}

export const productQuery = (id: string) => ({
  queryKey: catalogKeys.product(id),
  queryFn: ({ signal }: { signal?: AbortSignal }) => fetchProduct(id, signal),
  staleTime: STATIC_STALE_TIME,
});

export function useProduct(id: string) {
  return useQuery(productQuery(id));
}

export function useRegions() {
  return useQuery({
    queryKey: catalogKeys.regions,
    queryFn: ({ signal }) => fetchRegions(signal),
    staleTime: STATIC_STALE_TIME,
  });
}

export function useImages() {
  return useQuery({
    queryKey: catalogKeys.images,
    queryFn: ({ signal }) => fetchImages(signal),
    staleTime: STATIC_STALE_TIME,
  });
}

// Administration of the catalog: every plan with costs, period prices and margins, and the OS images pulled from
// Contabo. Keys start with 'admin' (signing out drops them); a change also drops the public catalogue's cache.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { catalogKeys } from './catalog.ts';
import { client } from './contract.ts';
import type { ImageUpdate, ProductInput } from './models.ts';

export const adminCatalogKeys = {
  products: ['admin', 'products'] as const,
  productList: ['admin', 'products', 'list'] as const,
  product: (id: string) => ['admin', 'products', 'detail', id] as const,
  images: ['admin', 'images'] as const,
};

export const fetchAdminProducts = (signal?: AbortSignal) => client.get('/api/admin/products', { signal });
export const fetchAdminProduct = (productId: string, signal?: AbortSignal) =>
  client.get('/api/admin/products/{id}', { params: { id: productId }, signal });
export const createProduct = (body: ProductInput) => client.post('/api/admin/products', { body });
export const updateProduct = (productId: string, body: ProductInput) =>
  client.put('/api/admin/products/{id}', { params: { id: productId }, body });
export const deleteProduct = (productId: string) =>
  client.delete('/api/admin/products/{id}', { params: { id: productId } });

export const fetchAdminImages = (signal?: AbortSignal) => client.get('/api/admin/images', { signal });
export const syncImages = () => client.post('/api/admin/images/sync');
export const updateImage = (imageId: string, body: ImageUpdate) =>
  client.put('/api/admin/images/{id}', { params: { id: imageId }, body });

export function useAdminProducts() {
  return useQuery({
    queryKey: adminCatalogKeys.productList,
    queryFn: ({ signal }) => fetchAdminProducts(signal),
  });
}

export function useAdminProduct(productId: string | null) {
  return useQuery({
    queryKey: adminCatalogKeys.product(productId ?? ''),
    queryFn: ({ signal }) => fetchAdminProduct(productId ?? '', signal),
    enabled: productId !== null,
  });
}

/** Plans changed: the admin lists and what the shop shows (plans, plan pages). */
function useProductsChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminCatalogKeys.products }),
      queryClient.invalidateQueries({ queryKey: ['products'] }),
    ]);
}

export function useSaveProduct() {
  const queryClient = useQueryClient();
  const changed = useProductsChanged();
  return useMutation({
    mutationFn: ({ productId, body }: { productId: string | null; body: ProductInput }) =>
      productId ? updateProduct(productId, body) : createProduct(body),
    onSuccess: (product) => queryClient.setQueryData(adminCatalogKeys.product(product.id), product),
    onSettled: changed,
  });
}

export function useDeleteProduct() {
  const changed = useProductsChanged();
  return useMutation({ mutationFn: deleteProduct, onSettled: changed });
}

export function useAdminImages() {
  return useQuery({ queryKey: adminCatalogKeys.images, queryFn: ({ signal }) => fetchAdminImages(signal) });
}

function useImagesChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminCatalogKeys.images }),
      queryClient.invalidateQueries({ queryKey: catalogKeys.images }),
      // A plan page lists the images one can install.
      queryClient.invalidateQueries({ queryKey: ['products', 'detail'] }),
    ]);
}

export function useSyncImages() {
  const changed = useImagesChanged();
  return useMutation({ mutationFn: syncImages, onSettled: changed });
}

export function useUpdateImage() {
  const changed = useImagesChanged();
  return useMutation({
    mutationFn: ({ imageId, body }: { imageId: string; body: ImageUpdate }) => updateImage(imageId, body),
    onSettled: changed,
  });
}

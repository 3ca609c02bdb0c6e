// Terms of service, privacy policy and refund policy: public pages, current versions (the acceptance checkboxes
// name them) and the admin's versioned editor.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './contract.ts';

export const LEGAL_DOCUMENTS = ['terms', 'privacy', 'refunds'] as const;
export type LegalDocument = (typeof LEGAL_DOCUMENTS)[number];
export const isLegalDocument = (value: string | undefined): value is LegalDocument =>
  (LEGAL_DOCUMENTS as readonly string[]).includes(value ?? '');

export const legalKeys = {
  versions: ['legal', 'versions'] as const,
  page: (doc: LegalDocument, lang: 'es' | 'en') => ['legal', 'page', doc, lang] as const,
  admin: (doc: LegalDocument) => ['admin', 'legal', doc] as const,
};

export function useLegalVersions() {
  return useQuery({
    queryKey: legalKeys.versions,
    queryFn: ({ signal }) => client.get('/api/legal', { signal }),
  });
}

export function useLegalPage(doc: LegalDocument, lang: 'es' | 'en') {
  return useQuery({
    queryKey: legalKeys.page(doc, lang),
    queryFn: ({ signal }) => client.get('/api/legal/{doc}', { params: { doc }, query: { lang }, signal }),
  });
}

export function useAdminLegal(doc: LegalDocument) {
  return useQuery({
    queryKey: legalKeys.admin(doc),
    queryFn: ({ signal }) => client.get('/api/admin/legal/{doc}', { params: { doc }, signal }),
  });
}

export function usePublishLegal(doc: LegalDocument) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { bodyEs: string; bodyEn: string }) =>
      client.put('/api/admin/legal/{doc}', { params: { doc }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: legalKeys.admin(doc) }),
        queryClient.invalidateQueries({ queryKey: ['legal'] }),
      ]),
  });
}

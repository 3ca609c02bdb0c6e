import { useSearchParams } from 'react-router';

/** Filters kept in the URL (so a list can be shared and survives a reload); changing one goes back to page 1. */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const page = Math.max(1, Number(params.get('page')) || 1);
  type Changes = Partial<Record<K | 'page', string | number>>;
  const set = (changes: Changes) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === '' || value === undefined || (key === 'page' && Number(value) <= 1)) next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  /** The value and `onChange` of the filter control of `key`: `<SearchBox {...bindFilter('search')} />`. */
  const bindFilter = (key: K) => ({
    value: values[key],
    onChange: (value: string) => set({ [key]: value } as Changes),
  });
  /** The page and its change, for `PagedList`. */
  const paging = { page, onPage: (next: number) => set({ page: next } as Changes) };
  return { values, page, set, bindFilter, paging };
}

import { useMe } from '../../api/session.ts';
import type { User } from '../../api/models.ts';

/** The signed-in user inside the panel: PanelLayout renders its pages only once `GET /api/auth/me` returned one. */
export function usePanelUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('usePanelUser() used outside the panel guard');
  return data;
}

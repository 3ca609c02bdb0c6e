// Live state of one server while its page is open: `GET /api/vps/:id/events` (Server-Sent Events, cookie auth).
// Each event updates the cached server (badge, running action); the end of an action raises a toast and refetches
// what it may have changed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { List, Vps, VpsAction, VpsEvent } from '../../../api/models.ts';
import { finishedActions, patchServer, refreshServer, vpsKeys } from '../../../api/vps.ts';
import { toast } from '../../../components/ui/Toast.tsx';
import { lastingAction, serverName, useActionText } from '../../../lib/vps.ts';

export function useServerEvents(vpsId: string) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const actionText = useActionText();
  // The latest translations without reopening the stream when the language changes.
  const text = useRef({ t, actionText });
  text.current = { t, actionText };

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/vps/${encodeURIComponent(vpsId)}/events`, { withCredentials: true });
    let lostConnection = false;

    const findAction = (actionId: string | undefined): VpsAction | null => {
      if (!actionId) return null;
      const vps = queryClient.getQueryData<Vps>(vpsKeys.detail(vpsId));
      if (vps?.actionInFlight?.id === actionId) return vps.actionInFlight;
      const actions = queryClient.getQueryData<List<VpsAction>>(vpsKeys.actions(vpsId));
      return actions?.items.find((action) => action.id === actionId) ?? null;
    };

    const onEvent = (message: MessageEvent<string>) => {
      let event: VpsEvent;
      try {
        event = JSON.parse(message.data) as VpsEvent;
      } catch {
        return;
      }
      if (event.type === 'vps.status' && event.status) {
        const status = event.status;
        patchServer(queryClient, vpsId, (vps) => ({ ...vps, status }));
        void queryClient.invalidateQueries({ queryKey: vpsKeys.history(vpsId) });
        return;
      }
      if (event.type !== 'vps.action') return;
      const action = findAction(event.actionId);
      if (event.actionStatus === 'completed' || event.actionStatus === 'failed') {
        if (event.actionId) {
          if (finishedActions.has(event.actionId)) return;
          finishedActions.add(event.actionId);
        }
        patchServer(queryClient, vpsId, (vps) => ({
          ...vps,
          status: event.status ?? vps.status,
          actionInFlight: vps.actionInFlight?.id === event.actionId ? null : vps.actionInFlight,
        }));
        const vps = queryClient.getQueryData<Vps>(vpsKeys.detail(vpsId));
        const name = vps ? serverName(vps) : '';
        const { t: tr, actionText: texts } = text.current;
        // Quick actions (rename, snapshot create/delete) are confirmed by their own request.
        const lasting = action ? lastingAction(action.actionType) : null;
        if (lasting && event.actionStatus === 'completed') toast.success(texts.done(lasting), name);
        else if (lasting) toast.error(texts.failed(lasting), tr('servers.failedHint'));
        void refreshServer(queryClient, vpsId);
        void queryClient.invalidateQueries({ queryKey: vpsKeys.snapshots(vpsId) });
      } else if (event.actionStatus && action) {
        const status = event.actionStatus;
        patchServer(queryClient, vpsId, (vps) =>
          vps.actionInFlight?.id === action.id ? { ...vps, actionInFlight: { ...action, status } } : vps,
        );
      }
    };

    source.addEventListener('vps', onEvent as EventListener);
    source.onerror = () => {
      lostConnection = true;
    };
    source.onopen = () => {
      // Back after a drop: what happened meanwhile is only in the API.
      if (lostConnection) void refreshServer(queryClient, vpsId);
      lostConnection = false;
    };
    return () => source.close();
  }, [queryClient, vpsId]);
}

import type { TFunction } from 'i18next';

// Admin task types the server writes with `params` (see the server's `modules/billing/billing.tasks.ts`); each has
// `adminTasks.<type>` in both locale files: a label, a title and the lines of what the platform recorded on it. A
// task stored before params existed (params null) shows its stored title and notes.
export const ADMIN_TASK_TYPES = ['contabo_cancel'] as const;
export type AdminTaskType = (typeof ADMIN_TASK_TYPES)[number];
export const isAdminTaskType = (type: string): type is AdminTaskType =>
  (ADMIN_TASK_TYPES as readonly string[]).includes(type);

export type TaskParams = Record<string, string | number>;

/** Example parameters of each type, as the server stores them (every variant: used to check each translation). */
export const ADMIN_TASK_EXAMPLES: Record<AdminTaskType, TaskParams[]> = {
  contabo_cancel: [
    { instanceId: 100001, serverName: 'web-01', reason: 'unpaid', days: 14 },
    { instanceId: 100001, serverName: 'web-01', reason: 'unpaid', days: 1 },
    {
      instanceId: 100002,
      serverName: 'web-02',
      reason: 'cancelled',
      apiError: 'Contabo answered 503 Service Unavailable',
    },
  ],
};

/** A task's label (its kind), title and recorded lines in the reader's language; as stored when not coded. */
export function adminTaskText(
  task: { type: string; title: string; params?: TaskParams | null },
  t: TFunction,
): { label: string; title: string; lines: string[] } {
  if (!task.params || !isAdminTaskType(task.type)) return { label: task.type, title: task.title, lines: [] };
  const p = task.params;
  const lines: string[] = [];
  if (p.reason === 'unpaid') {
    lines.push(t('adminTasks.contabo_cancel.reason_unpaid', { count: Number(p.days) }));
  }
  if (p.reason === 'cancelled') lines.push(t('adminTasks.contabo_cancel.reason_cancelled'));
  if (typeof p.apiError === 'string') {
    lines.push(t('adminTasks.contabo_cancel.apiFailed', { apiError: p.apiError }));
  }
  return {
    label: t(`adminTasks.${task.type}.label`),
    title: t(`adminTasks.${task.type}.title`, p),
    lines,
  };
}

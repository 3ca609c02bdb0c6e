/**
 * Admin tasks the platform opens, stored as their `type` (a code) and `params`, which the web renders in the reader's
 * language (`adminTasks.<type>` in apps/web/src/i18n/*.json; its list of types is apps/web/src/lib/adminTasks.ts and
 * a test checks both agree). `title` keeps a Spanish fallback for tasks written before params existed, and `notes`
 * holds only what staff type.
 */
export type TaskParams = Record<string, string | number>;

export const ADMIN_TASK_TYPES = ['contabo_cancel'] as const;
export type AdminTaskType = (typeof ADMIN_TASK_TYPES)[number];

export const adminTask = {
  /**
   * Cancel an ended service's instance at Contabo: terminated after `days` suspended for an unpaid invoice, or
   * ended at the period end as the customer asked.
   */
  contaboCancel: (d: {
    instanceId: number;
    serverName: string;
    reason: 'unpaid' | 'cancelled';
    days: number;
  }) => ({
    type: 'contabo_cancel' as const satisfies AdminTaskType,
    title: `Cancelar en Contabo la instancia ${d.instanceId} (${d.serverName})`,
    params: {
      instanceId: d.instanceId,
      serverName: d.serverName,
      reason: d.reason,
      ...(d.reason === 'unpaid' ? { days: d.days } : {}),
    } satisfies TaskParams,
  }),
};

/**
 * What the platform learnt while working on a task (the cancel date Contabo gave, why the API call failed), added to
 * its params; a task written before params existed gets the English note it always got instead.
 */
export function taskFinding(
  task: { params: TaskParams | null; notes: string | null },
  finding: TaskParams,
  legacyNote: string,
): { params: TaskParams } | { notes: string } {
  if (task.params) return { params: { ...task.params, ...finding } };
  return { notes: task.notes ? `${task.notes}\n${legacyNote}` : legacyNote };
}

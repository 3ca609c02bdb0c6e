import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADMIN_TASK_TYPES, adminTask, taskFinding } from './billing.tasks.ts';

// The web renders each task type the server writes (`adminTasks.<type>`, es and en) from its params; read as files,
// since the server never imports the web app. The web's own test renders every type with examples.
const web = (file: string) => readFileSync(new URL(`../../../../web/src/${file}`, import.meta.url), 'utf8');
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]!);

describe('admin task codes', () => {
  const unpaid = adminTask.contaboCancel({ instanceId: 7, serverName: 'web-01', reason: 'unpaid', days: 14 });
  const cancelled = adminTask.contaboCancel({
    instanceId: 7,
    serverName: 'web-01',
    reason: 'cancelled',
    days: 14,
  });

  it('writes a task as its type and params, with a Spanish fallback title', () => {
    expect(unpaid).toEqual({
      type: 'contabo_cancel',
      title: 'Cancelar en Contabo la instancia 7 (web-01)',
      params: { instanceId: 7, serverName: 'web-01', reason: 'unpaid', days: 14 },
    });
    expect(cancelled.params).toEqual({ instanceId: 7, serverName: 'web-01', reason: 'cancelled' });
  });

  it('every type is known to the web and its title translated in both languages from the params', () => {
    const known = web('lib/adminTasks.ts');
    for (const language of ['es', 'en']) {
      const texts = (
        JSON.parse(web(`i18n/${language}.json`)) as { adminTasks: Record<string, Record<string, string>> }
      ).adminTasks;
      for (const type of ADMIN_TASK_TYPES) {
        expect(known, `web ADMIN_TASK_TYPES: ${type}`).toContain(`'${type}'`);
        const task = texts[type]!;
        expect(task.label, `${language} adminTasks.${type}.label`).toBeTruthy();
        for (const name of placeholders(task.title!)) expect(unpaid.params).toHaveProperty(name);
      }
    }
  });

  it('adds what the platform learns to a coded task’s params; an old task gets the note it always got', () => {
    expect(taskFinding({ params: unpaid.params, notes: null }, { apiError: 'boom' }, 'failed: boom')).toEqual(
      {
        params: { ...unpaid.params, apiError: 'boom' },
      },
    );
    expect(
      taskFinding({ params: null, notes: 'Service terminated.' }, { apiError: 'boom' }, 'failed: boom'),
    ).toEqual({ notes: 'Service terminated.\nfailed: boom' });
    expect(taskFinding({ params: null, notes: null }, { cancelDate: '2026-03-31' }, 'Cancelled.')).toEqual({
      notes: 'Cancelled.',
    });
  });
});

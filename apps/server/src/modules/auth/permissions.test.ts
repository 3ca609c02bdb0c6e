import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES } from './permissions.ts';

/** The staff page shows every permission by name in both languages: a new permission needs its two labels. */
const labels = (language: 'es' | 'en') => {
  const file = new URL(`../../../../web/src/i18n/${language}.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as {
    ops: { staff: { perm: Record<string, Record<string, string>>; roles: Record<string, string> } };
  };
  return messages.ops.staff;
};

describe('staff permissions table', () => {
  for (const language of ['es', 'en'] as const) {
    it(`every permission and role has a label in ${language}`, () => {
      const staff = labels(language);
      for (const permission of PERMISSIONS) {
        const [area, action] = permission.split('.') as [string, string];
        expect(staff.perm[area]?.[action], permission).toMatch(/\S/);
      }
      for (const role of STAFF_ROLES) expect(staff.roles[role], role).toMatch(/\S/);
    });
  }

  it('support never holds money, settings or staff permissions', () => {
    for (const p of ['billing.manage', 'settings.manage', 'staff.manage', 'catalog.manage'] as const) {
      expect(ROLE_PERMISSIONS.support.has(p), p).toBe(false);
    }
  });
});

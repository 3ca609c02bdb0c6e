import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';

const ROLES = ['admin', 'support'] as const;

/**
 * What each staff role may and may not do, straight from the server's permission table (`GET /api/admin/staff`):
 * one row per permission, a yes/no per role (icon and text, never colour alone).
 */
export function StaffRolesCard({
  permissions,
  roles,
}: {
  permissions: string[];
  roles: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const granted = Object.fromEntries(ROLES.map((r) => [r, new Set(roles[r] ?? [])]));
  return (
    <Card aria-labelledby="staff-roles-title">
      <CardHeader>
        <CardTitle id="staff-roles-title">{t('ops.staff.rolesTitle')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('ops.staff.rolesHint')}</p>
      </CardHeader>
      <CardContent>
        <table className="w-full text-sm" data-testid="staff-roles">
          <thead>
            <tr className="border-b border-border text-left">
              <th scope="col" className="py-2 pr-2 font-medium">
                {t('ops.staff.permission')}
              </th>
              {ROLES.map((r) => (
                <th key={r} scope="col" className="w-20 px-1 py-2 text-center font-medium sm:w-32">
                  {t(`ops.staff.roles.${r}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {permissions.map((p) => (
              <tr key={p} data-permission={p} className="border-b border-border last:border-0">
                <th scope="row" className="py-2 pr-2 text-left font-normal">
                  {t(`ops.staff.perm.${p}`, { defaultValue: p })}
                </th>
                {ROLES.map((r) => (
                  <td key={r} className="px-1 py-2 text-center" data-role={r}>
                    {granted[r]!.has(p) ? (
                      <span className="inline-flex items-center gap-1 text-green-700 dark:text-green-400">
                        <Check aria-hidden="true" className="size-4" />
                        {t('ops.staff.allowed')}
                      </span>
                    ) : (
                      <span className="inline-flex items-center gap-1 text-muted-foreground">
                        <X aria-hidden="true" className="size-4" />
                        {t('ops.staff.denied')}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}

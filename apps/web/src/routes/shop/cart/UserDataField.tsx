import { useTranslation } from 'react-i18next';
import type { CartItem } from '../../../lib/cart.ts';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { USER_DATA_MAX_BYTES, utf8Bytes, type CartErrorKey } from '../cartRules.ts';
import { controlClass } from '../shopBits.tsx';
import { Field } from './CartField.tsx';

/** The line's cloud-init user data, folded under "advanced" unless it has an error; the size counts UTF-8 bytes. */
export function UserDataField({
  item,
  baseId,
  error,
  onChange,
}: {
  item: CartItem;
  baseId: string;
  error: CartErrorKey | undefined;
  onChange: (userData: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const bytes = utf8Bytes(item.userData);
  return (
    <details className="group rounded-lg border border-border" open={Boolean(error) || undefined}>
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm font-medium select-none hover:bg-muted">
        <span className="transition-transform group-open:rotate-90" aria-hidden="true">
          ▸
        </span>
        {t('cart.advanced')}
        {item.userData.trim() && (
          <span className="ml-auto text-xs font-normal text-muted-foreground">{t('cart.userDataSet')}</span>
        )}
      </summary>
      <div className="border-t border-border p-3">
        <Field
          id={`${baseId}-userdata`}
          label={t('cart.userData')}
          optional
          hint={
            <span className="flex flex-wrap justify-between gap-2">
              <span>{t('cart.userDataHint')}</span>
              <span
                className={cn(bytes > USER_DATA_MAX_BYTES && 'font-semibold text-red-700 dark:text-red-300')}
              >
                {t('cart.userDataSize', {
                  used: format.number(Math.ceil(bytes / 102.4) / 10),
                  max: format.number(USER_DATA_MAX_BYTES / 1024),
                })}
              </span>
            </span>
          }
          error={error}
        >
          <textarea
            id={`${baseId}-userdata`}
            value={item.userData}
            rows={6}
            spellCheck={false}
            autoCapitalize="none"
            placeholder={'#cloud-config\npackages:\n  - nginx'}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${baseId}-userdata-hint${error ? ` ${baseId}-userdata-error` : ''}`}
            onChange={(event) => onChange(event.target.value)}
            className={cn(controlClass, 'min-h-32 py-2.5 font-mono text-sm')}
          />
        </Field>
      </div>
    </details>
  );
}

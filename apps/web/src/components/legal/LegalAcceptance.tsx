import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLegalVersions, type LegalDocument } from '../../api/legal.ts';
import { FieldError } from '../form/fields.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';

const linkClass = 'font-medium text-primary underline underline-offset-2 hover:no-underline';

/** The versions a checkbox accepts, as the API wants them: `{ terms: 3, privacy: 2 }`. */
export type LegalAccepted = Partial<Record<LegalDocument, number>>;

/**
 * "I accept the terms (version 3) and the privacy policy (version 2)": the checkbox names the versions it accepts
 * and links each document (opened in a new tab so the form keeps its data).
 */
export function LegalAcceptance({
  documents,
  checked,
  onChange,
  error,
}: {
  documents: readonly [LegalDocument, LegalDocument];
  checked: boolean;
  onChange: (accepted: LegalAccepted | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const versions = useLegalVersions();
  if (versions.isPending) return <Skeleton className="h-10 w-full" />;
  if (!versions.data)
    return <p className="text-sm text-red-700 dark:text-red-300">{t('legal.accept.unavailable')}</p>;
  const [first, second] = documents;
  const data = versions.data;
  const accepted: LegalAccepted = { [first]: data[first], [second]: data[second] };
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-10 cursor-pointer items-start gap-3 text-sm">
        <input
          type="checkbox"
          data-testid="legal-accept"
          className="mt-0.5 size-4 shrink-0 accent-primary"
          checked={checked}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.checked ? accepted : null)}
        />
        <span>
          <Trans
            i18nKey="legal.accept.label"
            values={{
              first: t(`legal.names.${first}`),
              firstVersion: data[first],
              second: t(`legal.names.${second}`),
              secondVersion: data[second],
            }}
            components={{
              first: <Link to={`/legal/${first}`} target="_blank" className={linkClass} />,
              second: <Link to={`/legal/${second}`} target="_blank" className={linkClass} />,
            }}
          />
        </span>
      </label>
      <FieldError message={error} />
    </div>
  );
}

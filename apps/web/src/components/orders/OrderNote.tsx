import { useTranslation } from 'react-i18next';
import type { OrderHistoryEntry } from '../../api/models.ts';
import { isOrderNoteCode } from '../../lib/orderNotes.ts';
import { useRegionText } from '../../lib/regions.ts';

/**
 * A history entry's note in the reader's language: coded notes are translated with their parameters (region codes
 * become region names); a free-text note (typed by staff) is shown as written, and only when `showFreeText`.
 */
export function OrderNote({ entry, showFreeText }: { entry: OrderHistoryEntry; showFreeText: boolean }) {
  const { t } = useTranslation();
  const region = useRegionText();
  if (entry.noteCode && isOrderNoteCode(entry.noteCode)) {
    const params = { ...(entry.noteParams ?? {}) };
    for (const key of ['orderedRegion', 'deliveredRegion'])
      if (typeof params[key] === 'string') params[key] = region.name(params[key], params[key]);
    return (
      <p className="text-xs break-words text-muted-foreground" data-testid="order-note">
        {t(`orderNotes.${entry.noteCode}`, params)}
      </p>
    );
  }
  if (!showFreeText || !entry.note) return null;
  return <p className="text-xs break-words text-muted-foreground">{entry.note}</p>;
}

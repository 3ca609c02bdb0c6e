import { useTranslation } from 'react-i18next';
import type { OrderHistoryEntry } from '../../api/models.ts';
import { isOrderNoteCode, orderNoteOptions } from '../../lib/orderNotes.ts';
import { useRegionText } from '../../lib/regions.ts';

/**
 * A history entry's note in the reader's language: coded notes are translated with their parameters (region codes
 * become region names, payment providers their names); a free-text note (typed by staff) is shown as written, and
 * only when `showFreeText`.
 */
export function OrderNote({ entry, showFreeText }: { entry: OrderHistoryEntry; showFreeText: boolean }) {
  const { t } = useTranslation();
  const region = useRegionText();
  if (entry.noteCode && isOrderNoteCode(entry.noteCode)) {
    const options = orderNoteOptions(entry.noteParams, {
      region: (code) => region.name(code, code),
      provider: (id) => t(`payment.providers.${id}.name`, { defaultValue: id }),
    });
    return (
      <p className="text-xs break-words text-muted-foreground" data-testid="order-note">
        {t(`orderNotes.${entry.noteCode}`, options)}
      </p>
    );
  }
  if (!showFreeText || !entry.note) return null;
  return <p className="text-xs break-words text-muted-foreground">{entry.note}</p>;
}

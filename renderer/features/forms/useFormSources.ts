import { useLiveQuery } from 'dexie-react-hooks';
import { currentConvention, type FormSources } from '../../../shared/forms';
import { useServices } from '../../app/services';
import { liveRowsWhere } from '../../db/store';

/**
 * Everything a partner's forms are filled from, kept live. undefined while loading, null when the partner no
 * longer exists. When the partner's Caf is not among the records, the office's Caf record is used.
 */
export function useFormSources(partnerId: string): FormSources | null | undefined {
  const { db, settings } = useServices();
  return useLiveQuery(async () => {
    const rec = await db.partners.get(partnerId);
    if (!rec || rec._deleted) return null;
    const [partner] = await liveRowsWhere(db, 'partners', 'id', partnerId);
    if (!partner) return null;
    const [cafRows, conventions, partnerContacts, cafContacts, habilitations, allocations] = await Promise.all([
      liveRowsWhere(db, 'cafs', 'id', partner.cafId),
      liveRowsWhere(db, 'conventions', 'partnerId', partnerId),
      liveRowsWhere(db, 'contacts', 'partnerId', partnerId),
      liveRowsWhere(db, 'contacts', 'cafId', partner.cafId),
      liveRowsWhere(db, 'habilitations', 'partnerId', partnerId),
      liveRowsWhere(db, 'allocations', 'partnerId', partnerId),
    ]);
    // The Caf record is the one copy of a Caf's identity (edited on its Caf screen); the office's as a fallback.
    const caf = cafRows[0] ?? (settings.officeCafId ? (await liveRowsWhere(db, 'cafs', 'id', settings.officeCafId))[0] : undefined);
    return {
      partner,
      caf,
      convention: currentConvention(conventions, partnerId),
      contacts: [...partnerContacts, ...cafContacts.filter((c) => !c.partnerId)],
      habilitations,
      allocations,
    } satisfies FormSources;
  }, [db, partnerId, settings.officeCafId]);
}

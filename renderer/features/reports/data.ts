/** The records a report is built from, read once per change (Dexie live query). */
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReportData } from '../../../shared/reports';
import type { AppDatabase } from '../../db/database';
import { liveRows } from '../../db/store';
import { useServices } from '../../app/services';

export async function readReportData(db: AppDatabase): Promise<ReportData> {
  const [cafs, partners, conventions, contacts, allocations, habilitations, followUps, chains, issuedForms] = await Promise.all([
    liveRows(db, 'cafs'),
    liveRows(db, 'partners'),
    liveRows(db, 'conventions'),
    liveRows(db, 'contacts'),
    liveRows(db, 'allocations'),
    liveRows(db, 'habilitations'),
    liveRows(db, 'followUps'),
    liveRows(db, 'chains'),
    liveRows(db, 'issuedForms'),
  ]);
  return { cafs, partners, conventions, contacts, allocations, habilitations, followUps, chains, issuedForms };
}

export function useReportData(): ReportData | undefined {
  const { db } = useServices();
  return useLiveQuery(() => readReportData(db), [db]);
}

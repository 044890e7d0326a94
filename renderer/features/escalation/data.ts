/** Live reads shared by the escalation screens (chain editor, Relances, dashboard card, window title). */
import { useEffect, useMemo, useState } from 'react';
import { dataOf, type CrdtRecord } from '../../../shared/crdt/record';
import type { Territory } from '../../../shared/domain/common';
import type { Caf } from '../../../shared/domain/caf';
import type { Contact } from '../../../shared/domain/contact';
import type { EscalationChain } from '../../../shared/domain/escalation';
import type { FollowUp } from '../../../shared/domain/followup';
import type { Partner } from '../../../shared/domain/partner';
import { byDue, followUpState, type FollowUpState, type KnownContact } from '../../../shared/rules/escalation';
import type { AppDatabase } from '../../db/database';
import { liveRows, liveRowsWhere } from '../../db/rows';
import { plainAnyOf, plainBulkGet, plainLiveRows, plainLiveRowsWhere } from '../../derived/idb';
import { useLive } from '../../app/live';
import { useOfficeCaf } from '../cafs/officeCaf';

/** Every contact, deleted ones included (a chain entry may still point at a tombstone). */
export async function readKnownContacts(db: AppDatabase): Promise<Map<string, KnownContact>> {
  const rows = await db.contacts.toArray();
  return new Map(rows.map((r) => [r.id, { contact: dataOf<Contact>(r), deleted: r._deleted === 1 }]));
}

export function useKnownContacts(): Map<string, KnownContact> | undefined {
  return useLive((db) => readKnownContacts(db), []);
}

const knownById = (rows: (CrdtRecord | undefined)[]): Map<string, KnownContact> =>
  new Map(rows.filter((r): r is CrdtRecord => !!r).map((r) => [r.id as string, { contact: dataOf<Contact>(r), deleted: r._deleted === 1 }]));

/** Only some contacts (deleted ones included): what a short list names, without reading every contact. */
export function useContactsById(ids: readonly string[]): Map<string, KnownContact> | undefined {
  const key = ids.join('|');
  const wanted = key ? key.split('|') : [];
  // Before Dexie is loaded (the dashboard's first paint), the same rows read with plain IndexedDB.
  return useLive(async (db) => knownById(await db.contacts.bulkGet(wanted)), [key], async (idb) => knownById(await plainBulkGet(idb, 'contacts', wanted)));
}

export async function readChain(db: AppDatabase, partnerId: string): Promise<EscalationChain | null> {
  const byId = await db.chains.get(partnerId);
  if (byId && byId._deleted === 0) return dataOf<EscalationChain>(byId);
  // Chains created elsewhere may use another id: the partnerId index finds them.
  const other = (await db.chains.where('partnerId').equals(partnerId).toArray()).find((r) => r._deleted === 0);
  return other ? dataOf<EscalationChain>(other) : null;
}

/** Territory whose calendar applies to a partner: its Caf's, else the office Caf's (Paramètres). */
export function territoryFor(partner: Partner | undefined, cafs: ReadonlyMap<string, Caf>, fallback: Territory): Territory {
  return (partner && cafs.get(partner.cafId)?.territory) ?? fallback;
}

/** The current time, refreshed every `everyMs` (overdue states change as time passes). */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export interface FollowUpRow {
  fu: FollowUp;
  state: FollowUpState;
  partner?: Partner;
  chain?: EscalationChain;
  territory: Territory;
}

interface EscalationData {
  followUps: FollowUp[];
  chains: Map<string, EscalationChain>;
  partners: Map<string, Partner>;
  cafs: Map<string, Caf>;
}

/** The reads behind EscalationData, on Dexie or on plain IndexedDB (the first screen's, before Dexie is loaded). */
interface EscalationReads {
  followUps(): Promise<FollowUp[]>;
  partners(ids: string[]): Promise<(CrdtRecord | undefined)[]>;
  chains(partnerIds: string[]): Promise<CrdtRecord[]>;
  cafs(): Promise<Caf[]>;
}

async function escalationData(reads: EscalationReads): Promise<EscalationData> {
  const followUps = await reads.followUps();
  const partnerIds = [...new Set(followUps.map((f) => f.partnerId))];
  const [partnerRecs, chainRecs, cafs] = await Promise.all([reads.partners(partnerIds), partnerIds.length ? reads.chains(partnerIds) : Promise.resolve([]), reads.cafs()]);
  const partners = partnerRecs.filter((r): r is CrdtRecord => !!r && r._deleted === 0).map((r) => dataOf<Partner>(r));
  const chains = chainRecs.filter((r) => r._deleted === 0).map((r) => dataOf<EscalationChain>(r));
  return {
    followUps,
    chains: new Map(chains.map((c) => [c.partnerId, c])),
    partners: new Map(partners.map((p) => [p.id, p])),
    cafs: new Map(cafs.map((c) => [c.id, c])),
  };
}

/**
 * Follow-ups with what their state needs: only the partners and chains they cite are read (indexed), so the
 * per-minute refresh stays cheap on a 5,000-partner base. Closed requests are read only when asked for.
 */
export function readEscalationData(db: AppDatabase, includeClosed = false): Promise<EscalationData> {
  return escalationData({
    followUps: () => (includeClosed ? liveRows(db, 'followUps') : liveRowsWhere(db, 'followUps', 'status', 'ouverte')),
    partners: (ids) => db.partners.bulkGet(ids),
    chains: (ids) => db.chains.where('partnerId').anyOf(ids).toArray(),
    cafs: () => liveRows(db, 'cafs'),
  });
}

/** `readEscalationData(db)` (open requests) with plain IndexedDB: the dashboard card's first paint. */
export function readOpenEscalationPlain(idb: IDBDatabase): Promise<EscalationData> {
  return escalationData({
    followUps: () => plainLiveRowsWhere<FollowUp>(idb, 'followUps', 'status', 'ouverte'),
    partners: (ids) => plainBulkGet(idb, 'partners', ids),
    chains: (ids) => plainAnyOf(idb, 'chains', 'partnerId', ids),
    cafs: () => plainLiveRows<Caf>(idb, 'cafs'),
  });
}

export function computeRows(data: EscalationData, fallback: Territory, now: Date): FollowUpRow[] {
  return data.followUps.map((fu) => {
    const partner = data.partners.get(fu.partnerId);
    const chain = data.chains.get(fu.partnerId);
    const territory = territoryFor(partner, data.cafs, fallback);
    return { fu, partner, chain, territory, state: followUpState(fu, chain, territory, now) };
  });
}

/** All follow-ups with their escalation state; open ones sorted by due time. */
export function useFollowUpRows(now: Date, includeClosed = false): { open: FollowUpRow[]; closed: FollowUpRow[]; loaded: boolean } {
  const data = useLive((db) => readEscalationData(db, includeClosed), [includeClosed], includeClosed ? undefined : readOpenEscalationPlain);
  const fallback = useOfficeCaf().territory;
  return useMemo(() => {
    if (!data) return { open: [], closed: [], loaded: false };
    const rows = computeRows(data, fallback, now);
    return {
      open: byDue(rows.filter((r) => r.fu.status === 'ouverte')),
      closed: rows.filter((r) => r.fu.status === 'close').sort((a, b) => (b.fu.closedAt ?? '').localeCompare(a.fu.closedAt ?? '')),
      loaded: true,
    };
  }, [data, fallback, now]);
}

/** Only the overdue count, for the window title. */
export function useOverdueCount(now: Date): number | undefined {
  const { open, loaded } = useFollowUpRows(now);
  return loaded ? open.filter((r) => r.state.overdue).length : undefined;
}

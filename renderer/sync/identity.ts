/**
 * The replica id is bound to the base, not to the settings (design.md « Sync at its edges »): two bases must
 * never write under one id, or peers' version vectors skip one base's writes for good.
 *
 * - A base with no binding takes the id proposed by its opener (a fresh random id in the application), so a
 *   wiped base, or one rebuilt from a backup bundle, never reuses the id its predecessor wrote under. A base
 *   written before the binding existed keeps the id of its saved clock (the id it wrote under).
 * - A base opened on another machine than the one it is bound to (a profile copied to a second PC) takes a new
 *   id before its first write; it has seen every write of its old id up to its saved clock.
 * - A bundle that claims this base's id but is not one it made (EXPORTED_KEY), or that carries writes under its
 *   id that it never made (a copy not caught at open: same
 *   machine name, or a base restored from a file-system copy) is merged without loss, the id is declared
 *   duplicated (its writes are compared as concurrent, never judged by vectors) and this base takes a new id;
 *   the duplicated id travels in bundle headers so the other base does the same.
 */
import { HybridLogicalClock, newReplicaId, REPLICA_ID_PATTERN, replicaOf, STAMP_PATTERN, type Stamp } from '../../shared/crdt/hlc';
import { versionVectorSchema } from '../../shared/sync/format';
import type { VersionVector } from '../../shared/sync';
import type { AppDatabase } from '../db/database';

export const REPLICA_KEY = 'replica';
/** Replica ids known to have been used by two bases (from own detection and from bundle headers). */
export const DUPLICATED_KEY = 'sync.duplicatedReplicas';
/** The last change of replica id, for the sync page. */
export const IDENTITY_NOTICE_KEY = 'sync.identityNotice';
const CLOCK_KEY = 'clock';
const KNOWN_VECTOR_KEY = 'sync.knownVector';
const MAX_DUPLICATED = 200;
/**
 * The bundles this base made since `floor` (bundle id, the stamp its header claims for this base's id). A bundle
 * that claims this base's id with a greater stamp and is not listed was made by another base under the same id
 * (a copy), whatever the stamps of the writes inside it: each copy only lists its own bundles.
 */
export const EXPORTED_KEY = 'sync.exportedBundles';
const MAX_EXPORTED = 1000;

interface ExportRegistry {
  /** Bundles claiming up to this stamp may predate the list (or have been dropped from it): not judged. */
  floor: Stamp;
  bundles: [bundleId: string, claimed: Stamp][];
}

export interface ReplicaBinding {
  id: string;
  /** Name of the machine the base was bound on (Electron: host name); absent in a browser. */
  machine?: string;
  /** Ids this base wrote under before (oldest first). */
  previous: string[];
  since: string;
}

export interface IdentityChange {
  reason: 'copie' | 'doublon';
  previous: string;
  id: string;
  at: string;
  message: string;
}

export const identityMessages = {
  copied: (previous: string, id: string) =>
    `Cette base a été ouverte sur un autre ordinateur que le sien (profil copié) : pour ne jamais écrire sous le même identifiant que l'original, ce poste a pris un nouvel identifiant (${id}, auparavant ${previous}). Rien n'est perdu.`,
  foreignBundle: (previous: string, id: string) =>
    `Ce fichier a été fait par un autre poste qui porte l'identifiant de ce poste (${previous}) — une copie de ce profil ou une base restaurée d'une copie de fichiers. Son contenu a été importé sans perte (les valeurs concurrentes sont dans les conflits à examiner) et ce poste écrit désormais sous un nouvel identifiant (${id}).`,
  duplicate: (previous: string, id: string) =>
    `Ce fichier contient des modifications faites sous l'identifiant de ce poste (${previous}) par un autre poste — une copie de ce profil ou une base restaurée. Elles ont été importées sans perte (les valeurs concurrentes sont dans les conflits à examiner) et ce poste écrit désormais sous un nouvel identifiant (${id}).`,
};

function parseBinding(v: unknown): ReplicaBinding | null {
  if (!v || typeof v !== 'object') return null;
  const b = v as Partial<ReplicaBinding>;
  if (typeof b.id !== 'string' || !REPLICA_ID_PATTERN.test(b.id)) return null;
  return {
    id: b.id,
    ...(typeof b.machine === 'string' ? { machine: b.machine } : {}),
    previous: Array.isArray(b.previous) ? b.previous.filter((x): x is string => typeof x === 'string' && REPLICA_ID_PATTERN.test(x)) : [],
    since: typeof b.since === 'string' ? b.since : new Date(0).toISOString(),
  };
}

function parseRegistry(v: unknown): ExportRegistry | null {
  if (!v || typeof v !== 'object') return null;
  const r = v as Partial<ExportRegistry>;
  if (typeof r.floor !== 'string' || !Array.isArray(r.bundles)) return null;
  const bundles = r.bundles.filter((b): b is [string, Stamp] => Array.isArray(b) && typeof b[0] === 'string' && typeof b[1] === 'string');
  return { floor: r.floor, bundles };
}

/** At open (before any export): start the list of made bundles if the base has none, from the current clock. */
export async function ensureExportRegistry(db: AppDatabase, clockNow: Stamp): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    if (parseRegistry((await db.meta.get(EXPORTED_KEY))?.value)) return;
    await db.meta.put({ key: EXPORTED_KEY, value: { floor: clockNow, bundles: [] } satisfies ExportRegistry });
  });
}

/** Remember a bundle this base made, before its bytes are handed out. */
export async function recordExport(db: AppDatabase, bundleId: string, claimed: Stamp): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const reg = parseRegistry((await db.meta.get(EXPORTED_KEY))?.value) ?? { floor: claimed, bundles: [] };
    reg.bundles.push([bundleId, claimed]);
    while (reg.bundles.length > MAX_EXPORTED) {
      const [, dropped] = reg.bundles.shift()!;
      if (dropped > reg.floor) reg.floor = dropped;
    }
    await db.meta.put({ key: EXPORTED_KEY, value: reg });
  });
}

/**
 * Was this bundle, which claims this base's id, made by another base (a copy under the same id)? Judged by the
 * list of bundles this base made, not by the stamps of the writes it holds (a copy's write can be older than an
 * own write of the same field, and then nothing in the records tells them apart).
 */
export async function madeByAnotherBase(db: AppDatabase, header: { replicaId: string; bundleId: string; vector: VersionVector }, self: string): Promise<boolean> {
  if (header.replicaId !== self) return false;
  const reg = parseRegistry((await db.meta.get(EXPORTED_KEY))?.value);
  const claimed = header.vector[self];
  if (!reg || claimed === undefined || claimed <= reg.floor) return false;
  return !reg.bundles.some(([id]) => id === header.bundleId);
}

export async function duplicatedReplicas(db: AppDatabase): Promise<Set<string>> {
  const v = (await db.meta.get(DUPLICATED_KEY))?.value;
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && REPLICA_ID_PATTERN.test(x)) : []);
}

/** Remember more duplicated ids (inside the caller's transaction on `meta`). */
export async function addDuplicated(db: AppDatabase, ids: Iterable<string>): Promise<Set<string>> {
  const set = await duplicatedReplicas(db);
  const before = set.size;
  for (const id of ids) if (REPLICA_ID_PATTERN.test(id)) set.add(id);
  if (set.size !== before) await db.meta.put({ key: DUPLICATED_KEY, value: [...set].slice(-MAX_DUPLICATED) });
  return set;
}

/** A vector without the entries of duplicated ids (what they cover cannot be trusted). */
export function withoutReplicas(v: VersionVector, ids: ReadonlySet<string>): VersionVector {
  if (ids.size === 0) return v;
  const out: VersionVector = {};
  for (const [r, s] of Object.entries(v)) if (!ids.has(r)) out[r] = s;
  return out;
}

async function knownVectorOf(db: AppDatabase): Promise<VersionVector> {
  const parsed = versionVectorSchema.safeParse((await db.meta.get(KNOWN_VECTOR_KEY))?.value ?? {});
  return parsed.success ? parsed.data : {};
}

/**
 * Give the base a new id (inside the caller's read-write transaction on `meta`). `copie`: the base has seen
 * every write of the old id up to `lastStamp`, kept in its known vector. `doublon`: the old id is duplicated,
 * dropped from the vector and remembered as such.
 */
export async function rekeyBase(db: AppDatabase, reason: IdentityChange['reason'], lastStamp: Stamp | undefined, machine?: string, message?: (previous: string, id: string) => string): Promise<IdentityChange> {
  const binding = parseBinding((await db.meta.get(REPLICA_KEY))?.value);
  const previous = binding?.id ?? (lastStamp ? replicaOf(lastStamp) : '');
  const id = newReplicaId();
  const at = new Date().toISOString();
  const next: ReplicaBinding = { id, previous: [...(binding?.previous ?? []), previous].filter(Boolean).slice(-50), since: at };
  const m = machine ?? binding?.machine;
  if (m !== undefined) next.machine = m;
  await db.meta.put({ key: REPLICA_KEY, value: next });
  const known = await knownVectorOf(db);
  if (reason === 'copie') {
    if (lastStamp && replicaOf(lastStamp) === previous && !(known[previous] && known[previous] >= lastStamp)) known[previous] = lastStamp;
    await db.meta.put({ key: KNOWN_VECTOR_KEY, value: known });
  } else {
    const dup = await addDuplicated(db, [previous]);
    await db.meta.put({ key: KNOWN_VECTOR_KEY, value: withoutReplicas(known, dup) });
  }
  const change: IdentityChange = {
    reason,
    previous,
    id,
    at,
    message: (message ?? (reason === 'copie' ? identityMessages.copied : identityMessages.duplicate))(previous, id),
  };
  await db.meta.put({ key: IDENTITY_NOTICE_KEY, value: change });
  return change;
}

export interface BoundIdentity {
  id: string;
  change?: IdentityChange;
}

/** Decide the id the base writes under (one read-write transaction on `meta`), before any write. */
export async function bindReplica(db: AppDatabase, proposed: string, machine?: string): Promise<BoundIdentity> {
  return db.transaction('rw', db.meta, async () => {
    const binding = parseBinding((await db.meta.get(REPLICA_KEY))?.value);
    const saved = (await db.meta.get(CLOCK_KEY))?.value;
    const lastStamp = typeof saved === 'string' && STAMP_PATTERN.test(saved) ? saved : undefined;
    if (binding) {
      if (machine !== undefined && binding.machine !== undefined && binding.machine !== machine) {
        const stamp = lastStamp && replicaOf(lastStamp) === binding.id ? lastStamp : undefined;
        const change = await rekeyBase(db, 'copie', stamp, machine);
        return { id: change.id, change };
      }
      if (machine !== undefined && binding.machine === undefined) await db.meta.put({ key: REPLICA_KEY, value: { ...binding, machine } });
      return { id: binding.id };
    }
    // Written before bindings existed: keep the id it wrote under. Otherwise a new (or wiped) base.
    const id = lastStamp ? replicaOf(lastStamp) : proposed;
    const value: ReplicaBinding = { id, previous: [], since: new Date().toISOString(), ...(machine !== undefined ? { machine } : {}) };
    await db.meta.put({ key: REPLICA_KEY, value });
    return { id };
  });
}

/** The clock of a base that changed id: strictly after everything the old one issued. */
export function clockFor(id: string, previous: HybridLogicalClock, now: () => number): HybridLogicalClock {
  return new HybridLogicalClock(id, now, previous.current());
}

/** Every id this base wrote under (current first). */
export async function ownReplicaIds(db: AppDatabase): Promise<string[]> {
  const b = parseBinding((await db.meta.get(REPLICA_KEY))?.value);
  return b ? [b.id, ...b.previous.slice().reverse()] : [];
}

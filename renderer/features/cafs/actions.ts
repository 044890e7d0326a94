/**
 * The Caf records the office edits (name, address, director, guichet unique, service hours, territory), and which
 * of them is the office's own. Same rules as everywhere: postal code, the one e-mail rule, phones in E.164.
 */
import type { AppDatabase } from '../../db/database';
import { liveRows, liveRowsWhere, ValidationError, type Store } from '../../db/store';
import type { Caf } from '../../../shared/domain/caf';
import type { Territory } from '../../../shared/domain/common';
import type { Settings, SettingsPatch } from '../../../shared/settings/schema';
import { emailError } from '../../../shared/rules/email';
import { normalisePhone } from '../../../shared/rules/phone';
import { normalisePostalCode, postalCodeError } from '../../../shared/rules/postalCode';
import type { FieldError } from '../../components/useDialogForm';

export type CafInput = Omit<Caf, 'id'>;

export const CAF_MESSAGES = {
  nameRequired: 'Le nom de la Caf est obligatoire.',
} as const;

export function emptyCaf(territory: Territory = 'metropole'): CafInput {
  return { name: '', address: { line1: '', line2: '', postalCode: '', city: '' }, territory, director: '', helpdeskEmail: '', helpdeskPhone: '', serviceHours: '' };
}

/** Every problem of the Caf form, in form order. */
export function cafErrors(c: CafInput): FieldError[] {
  const out: FieldError[] = [];
  if (!c.name.trim()) out.push({ field: 'name', message: CAF_MESSAGES.nameRequired });
  if (c.address.postalCode.trim()) {
    const e = postalCodeError(c.address.postalCode);
    if (e) out.push({ field: 'postalCode', message: e });
  }
  const mail = emailError(c.helpdeskEmail);
  if (mail) out.push({ field: 'helpdeskEmail', message: mail });
  const phone = normalisePhone(c.helpdeskPhone);
  if (!phone.ok) out.push({ field: 'helpdeskPhone', message: phone.message });
  return out;
}

function cleaned(c: CafInput): CafInput {
  const phone = normalisePhone(c.helpdeskPhone);
  return {
    ...c,
    name: c.name.trim(),
    address: { line1: c.address.line1.trim(), line2: c.address.line2.trim(), postalCode: c.address.postalCode.trim() ? normalisePostalCode(c.address.postalCode) : '', city: c.address.city.trim() },
    director: c.director.trim(),
    helpdeskEmail: c.helpdeskEmail.trim(),
    helpdeskPhone: phone.ok ? phone.value : c.helpdeskPhone,
    serviceHours: (c.serviceHours ?? '').trim(),
  };
}

/** Creates (no id) or updates a Caf; returns its id. A refused value throws and stores nothing. */
export async function saveCaf(store: Store, id: string | undefined, input: CafInput): Promise<string> {
  const first = cafErrors(input)[0];
  if (first) throw new ValidationError(first.message, first.field);
  const data = cleaned(input);
  if (id) {
    await store.write('Modification de la fiche de la Caf', (ctx) => ctx.update('cafs', id, data));
    return id;
  }
  return store.write("Création d'une Caf", (ctx) => ctx.create('cafs', data));
}

/** Used when no Caf record exists yet (before the demo set, a first sync or the first run brings one). */
export const LOCAL_CAF_ID = 'caf-locale';

/** The office's Caf id: the one chosen in Paramètres when it still exists, else the only Caf, else a placeholder. */
export async function officeCafId(db: AppDatabase, settings: Pick<Settings, 'officeCafId'>): Promise<string> {
  if (settings.officeCafId && (await liveRowsWhere(db, 'cafs', 'id', settings.officeCafId)).length) return settings.officeCafId;
  const cafs = await liveRows(db, 'cafs');
  return cafs.length === 1 ? cafs[0]!.id : (cafs.sort((a, b) => a.name.localeCompare(b.name, 'fr'))[0]?.id ?? LOCAL_CAF_ID);
}

/** Settings before version 2 held the Caf identity; after the move it is emptied (the record is the one copy). */
const blankIdentity = (territory: Territory): Settings['caf'] => ({ name: '', addressLine1: '', addressLine2: '', postalCode: '', city: '', territory });

/**
 * Settings migration, renderer side: the identity typed in Paramètres before version 2 becomes (or completes) a
 * Caf record, and that record becomes the office's Caf. Idempotent: once `officeCafId` is set, nothing happens.
 * Fields of an existing record are only filled where empty — a record edited on its screen is never overwritten.
 */
export async function adoptOfficeCaf(store: Store, settings: Settings, update: (patch: SettingsPatch) => Promise<unknown>): Promise<string | null> {
  if (settings.officeCafId) return null;
  const legacy = settings.caf;
  const cafs = await liveRows(store.db, 'cafs');
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const match = legacy.name.trim() ? cafs.find((c) => fold(c.name) === fold(legacy.name)) : cafs.length === 1 ? cafs[0] : undefined;
  let id: string | undefined = match?.id;
  const typed = { line1: legacy.addressLine1, line2: legacy.addressLine2, postalCode: legacy.postalCode, city: legacy.city };
  if (match) {
    const a = match.address;
    const fill = !a.line1 && !a.line2 && !a.postalCode && !a.city && Object.values(typed).some((v) => v.trim());
    if (fill) await store.write('Reprise de l’adresse de la Caf (Paramètres)', (ctx) => ctx.update('cafs', match.id, { address: typed }));
  } else if (legacy.name.trim()) {
    id = await store.write('Reprise de la Caf du service (Paramètres)', (ctx) => ctx.create('cafs', { ...emptyCaf(legacy.territory), name: legacy.name.trim(), address: typed }));
  }
  if (!id) return null;
  await update({ officeCafId: id, caf: blankIdentity(legacy.territory) });
  return id;
}

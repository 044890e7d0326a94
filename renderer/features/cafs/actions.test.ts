import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from '../../db/database';
import { liveRows, Store, ValidationError } from '../../db/store';
import { defaultSettings, type Settings, type SettingsPatch } from '../../../shared/settings/schema';
import { adoptOfficeCaf, emptyCaf, officeCafId, saveCaf } from './actions';

let db: AppDatabase;
let store: Store;
let n = 0;
beforeEach(async () => {
  db = new AppDatabase(`caf-test-${n++}`);
  store = new Store(db, '00000000000000aa', () => 'Testeur');
  await store.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const v1Settings = (caf: Partial<Settings['caf']>): Settings => ({ ...defaultSettings('0123456789abcdef'), caf: { ...defaultSettings('x').caf, ...caf } });

describe('Caf records', () => {
  it('refuses a bad guichet unique e-mail or phone with the French message, nothing stored', async () => {
    const before = await db.cafs.toArray();
    await expect(saveCaf(store, undefined, { ...emptyCaf('reunion'), name: 'Caf de La Réunion', helpdeskEmail: 'pas-un-mail' })).rejects.toThrow('Adresse mél invalide (ex. prenom.nom@mairie.fr).');
    await expect(saveCaf(store, undefined, { ...emptyCaf('reunion'), name: 'Caf de La Réunion', helpdeskPhone: '0262 48' })).rejects.toBeInstanceOf(ValidationError);
    await expect(saveCaf(store, undefined, emptyCaf())).rejects.toThrow('Le nom de la Caf est obligatoire.');
    expect(await db.cafs.toArray()).toEqual(before);
  });

  it('stores the guichet unique phone in E.164 and the service hours', async () => {
    const id = await saveCaf(store, undefined, { ...emptyCaf('reunion'), name: 'Caf de La Réunion', helpdeskPhone: '0262 48 62 11', serviceHours: 'du lundi au vendredi, de 8 h à 16 h' });
    const [caf] = await liveRows(db, 'cafs');
    expect(caf).toMatchObject({ id, helpdeskPhone: '+262262486211', serviceHours: 'du lundi au vendredi, de 8 h à 16 h' });
  });
});

describe('settings migration: the typed Caf identity becomes a Caf record', () => {
  const recorder = () => {
    const patches: SettingsPatch[] = [];
    return { patches, update: async (p: SettingsPatch) => void patches.push(p) };
  };

  it('creates the record from the identity of a version 1 file, makes it the office Caf and empties the copy', async () => {
    const settings = v1Settings({ name: 'Caf du Haut-Rhin', addressLine1: '26 avenue Robert Schuman', postalCode: '68100', city: 'Mulhouse', territory: 'alsace-moselle' });
    const { patches, update } = recorder();
    const id = await adoptOfficeCaf(store, settings, update);
    const [caf] = await liveRows(db, 'cafs');
    expect(caf).toMatchObject({ id, name: 'Caf du Haut-Rhin', territory: 'alsace-moselle', address: { line1: '26 avenue Robert Schuman', line2: '', postalCode: '68100', city: 'Mulhouse' } });
    expect(patches).toEqual([{ officeCafId: id, caf: { name: '', addressLine1: '', addressLine2: '', postalCode: '', city: '', territory: 'alsace-moselle' } }]);
    // Idempotent: with the id set, nothing more happens.
    expect(await adoptOfficeCaf(store, { ...settings, officeCafId: id! }, update)).toBeNull();
    expect(await db.cafs.count()).toBe(1);
  });

  it('adopts an existing record of the same name, filling only its empty address', async () => {
    const existing = await saveCaf(store, undefined, { ...emptyCaf('reunion'), name: 'Caf de La Réunion', director: 'M. le Directeur' });
    const { update } = recorder();
    const id = await adoptOfficeCaf(store, v1Settings({ name: 'caf de la reunion', addressLine1: '4 rue Elie Gabriel', postalCode: '97400', city: 'Saint-Denis', territory: 'reunion' }), update);
    expect(id).toBe(existing);
    const [caf] = await liveRows(db, 'cafs');
    expect(caf).toMatchObject({ director: 'M. le Directeur', address: { line1: '4 rue Elie Gabriel', postalCode: '97400', city: 'Saint-Denis' } });
    // A record with an address of its own is never overwritten.
    await saveCaf(store, existing, { ...caf!, address: { line1: '1 rue Neuve', line2: '', postalCode: '97400', city: 'Saint-Denis' } });
    await adoptOfficeCaf(store, v1Settings({ name: 'Caf de La Réunion', addressLine1: 'ancienne adresse' }), update);
    expect((await liveRows(db, 'cafs'))[0]!.address.line1).toBe('1 rue Neuve');
  });

  it("the office's Caf is the chosen record, not the first by id", async () => {
    const a = await saveCaf(store, undefined, { ...emptyCaf('alsace-moselle'), name: 'Caf du Haut-Rhin' });
    const b = await saveCaf(store, undefined, { ...emptyCaf('reunion'), name: 'Caf de La Réunion' });
    expect(await officeCafId(db, { officeCafId: b })).toBe(b);
    expect(await officeCafId(db, { officeCafId: a })).toBe(a);
  });
});

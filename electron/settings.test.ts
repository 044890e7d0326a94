import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION } from '../shared/settings/schema';
import { IpcFailure } from './errors';
import { openSettings, type ConfConstructor } from './settings';

// conf is electron-store's own base class: same file format, same schema validation, no Electron needed.
const Store = Conf as unknown as ConfConstructor;
let cwd: string;
let ids: number;
const makeReplicaId = () => `${(ids++).toString(16).padStart(16, '0')}`;
const open = () => openSettings({ Store, cwd, makeReplicaId, now: () => new Date('2026-11-23T08:00:00Z') });
const file = () => path.join(cwd, 'config.json');
const readFile = () => JSON.parse(fs.readFileSync(file(), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  ids = 0xabc;
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('settings', () => {
  it('first run makes a replica id once and keeps it', () => {
    const first = open();
    expect(first.get().replicaId).toBe('0000000000000abc');
    expect(first.notices).toEqual([]);
    expect(readFile().settingsVersion).toBe(SETTINGS_VERSION);
    const again = open();
    expect(again.get().replicaId).toBe('0000000000000abc');
    expect(ids).toBe(0xabd); // the generator ran exactly once
  });

  it('saves an update and reads it back in a new process', () => {
    const s = open();
    s.update({ userName: 'Mme Hoarau', caf: { ...s.get().caf, name: 'Caf de La Réunion', territory: 'reunion' } });
    const reopened = open();
    expect(reopened.get().userName).toBe('Mme Hoarau');
    expect(reopened.get().caf).toMatchObject({ name: 'Caf de La Réunion', territory: 'reunion' });
  });

  it('refuses a setting with a wrong type, with a French message, and changes nothing', () => {
    const s = open();
    s.update({ userName: 'M. Martin' });
    const before = fs.readFileSync(file(), 'utf8');
    const bad = () => s.update({ backups: { folder: 'D:/Sauvegardes', keep: 'dix', lastAt: '' } });
    expect(bad).toThrow(IpcFailure);
    expect(bad).toThrow('Paramètre refusé — Nombre de sauvegardes à conserver : Valeur invalide : un nombre est attendu.');
    expect(() => s.update({ backups: { folder: '', keep: 0, lastAt: '' } })).toThrow(
      'Paramètre refusé — Nombre de sauvegardes à conserver : Conserver au moins une sauvegarde.',
    );
    expect(() => s.update({ caf: { ...s.get().caf, territory: 'mars' } })).toThrow(/^Paramètre refusé — Territoire \(jours fériés\) : Valeur non reconnue : choisissez une valeur de la liste\./);
    expect(() => s.update({ replicaId: 'ffffffffffffffff' })).toThrow('Paramètre refusé — Champ inconnu : replicaId.');
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
    expect(s.get().backups.keep).toBe(10);
    expect(s.get().userName).toBe('M. Martin');
  });

  it('migrates a version 0 file (flat Caf name, no replica label) to the current version', () => {
    fs.writeFileSync(
      file(),
      JSON.stringify({
        deviceId: '0123456789abcdef',
        userName: 'Mme Schmitt',
        cafName: 'Caf du Haut-Rhin',
        cafAddress: '26 avenue Robert Schuman',
        cafPostalCode: '68100',
        cafCity: 'Mulhouse',
        territory: 'alsace-moselle',
        syncFolder: '\\\\serveur\\partage\\mcp',
        backupsFolder: 'D:\\Sauvegardes',
        keepBackups: 5,
        windowBounds: { x: 10, y: 20, width: 1400, height: 900 },
      }),
    );
    const s = open();
    expect(s.get()).toEqual({
      replicaId: '0123456789abcdef',
      replicaLabel: '',
      userName: 'Mme Schmitt',
      officeCafId: '',
      caf: { name: 'Caf du Haut-Rhin', addressLine1: '26 avenue Robert Schuman', addressLine2: '', postalCode: '68100', city: 'Mulhouse', territory: 'alsace-moselle' },
      syncFolder: '\\\\serveur\\partage\\mcp',
      backups: { folder: 'D:\\Sauvegardes', keep: 5, lastAt: '' },
      window: { x: 10, y: 20, width: 1400, height: 900, maximized: false },
    });
    expect(s.notices).toEqual([]);
    expect(readFile().settingsVersion).toBe(SETTINGS_VERSION);
    // The old file is kept aside, and the migration does not run twice.
    expect(fs.readdirSync(cwd).filter((n) => n.startsWith('config.v0-'))).toHaveLength(1);
    expect(open().get().caf.name).toBe('Caf du Haut-Rhin');
    expect(fs.readdirSync(cwd).filter((n) => n.startsWith('config.v0-'))).toHaveLength(1);
  });

  it('migrates a version 1 file: the typed Caf identity is kept for the renderer to move into a Caf record', () => {
    const v1 = {
      settingsVersion: 1,
      replicaId: '0123456789abcdef',
      replicaLabel: 'Poste accueil',
      userName: 'Mme Payet',
      caf: { name: 'Caf de La Réunion', addressLine1: '4 rue Elie Gabriel', addressLine2: '', postalCode: '97400', city: 'Saint-Denis', territory: 'reunion' },
      syncFolder: '',
      backups: { folder: '', keep: 10, lastAt: '' },
      window: { width: 1280, height: 800, maximized: false },
    };
    fs.writeFileSync(file(), JSON.stringify(v1));
    const s = open();
    expect(s.get().officeCafId).toBe('');
    expect(s.get().caf).toEqual(v1.caf);
    expect(s.notices).toEqual([]);
    expect(readFile().settingsVersion).toBe(2);
  });

  it('a v0 file with an invalid device id gets a new replica id, other fields kept', () => {
    fs.writeFileSync(file(), JSON.stringify({ deviceId: 'pas-un-id', userName: 'Agent', cafName: 'Caf de Seine-Maritime' }));
    const s = open();
    expect(s.get().replicaId).toBe('0000000000000abc');
    expect(s.get().caf.name).toBe('Caf de Seine-Maritime');
    expect(s.get().userName).toBe('Agent');
    expect(s.notices).toEqual(["Paramètres invalides remis à leur valeur par défaut : Identifiant d'installation."]);
  });

  it('recovers from a corrupt settings file: backed up aside, defaults restored, user told', () => {
    fs.writeFileSync(file(), '{"replicaId": "0123456789abcdef", "userName": ');
    const s = open();
    expect(s.get().userName).toBe('');
    expect(s.get().replicaId).toMatch(/^[0-9a-f]{16}$/);
    expect(s.notices).toEqual([
      'Le fichier de paramètres était illisible : il a été mis de côté (config.illisible-2026-11-23T08-00-00-000Z.json) et les paramètres par défaut ont été rétablis. Vérifiez les réglages dans Paramètres.',
    ]);
    expect(fs.readFileSync(path.join(cwd, 'config.illisible-2026-11-23T08-00-00-000Z.json'), 'utf8')).toBe('{"replicaId": "0123456789abcdef", "userName": ');
    expect(readFile().settingsVersion).toBe(SETTINGS_VERSION);
    s.update({ userName: 'Reprise' });
    expect(open().get().userName).toBe('Reprise');
  });

  it('repairs invalid fields of a current file and keeps the valid ones', () => {
    const s = open();
    s.update({ userName: 'Garde' });
    const raw = readFile();
    fs.writeFileSync(file(), JSON.stringify({ ...raw, window: { width: 'large' }, backups: { folder: 'E:/', keep: -3, lastAt: '' } }));
    const r = open();
    expect(r.get().userName).toBe('Garde');
    expect(r.get().window.width).toBe(1280);
    expect(r.get().backups.keep).toBe(10);
    expect(r.notices).toEqual(['Paramètres invalides remis à leur valeur par défaut : Sauvegardes, Fenêtre.']);
  });

  it('reads a file written by a newer version without downgrading its version number', () => {
    const s = open();
    fs.writeFileSync(file(), JSON.stringify({ ...readFile(), settingsVersion: SETTINGS_VERSION + 1, futureSetting: true }));
    const r = open();
    expect(r.get().replicaId).toBe(s.get().replicaId);
    expect(r.notices[0]).toMatch(/version plus récente/);
    expect(readFile().settingsVersion).toBe(SETTINGS_VERSION + 1);
  });

  it('window state is validated before it is saved', () => {
    const s = open();
    expect(s.saveWindowState({ width: 100, height: 100, maximized: false })).toBe(false);
    expect(s.saveWindowState({ x: 5, y: 6, width: 1000, height: 700, maximized: true })).toBe(true);
    expect(open().get().window).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveLegacyData, planDataLocation, relocatedPath } from './dataLocation';

let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'data-location-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

describe('where the data lives (Local, not Roaming, on Windows)', () => {
  const win = { platform: 'win32', appData: '/p/AppData/Roaming', localAppData: '/p/AppData/Local', home: '/p' };

  it('packaged Windows app: %LOCALAPPDATA%\\Partenaires MCP, moving the old Roaming folder', () => {
    expect(planDataLocation({ ...win, isPackaged: true })).toEqual({ userData: path.join('/p/AppData/Local', 'Partenaires MCP'), legacy: path.join('/p/AppData/Roaming', 'Partenaires MCP') });
    // LOCALAPPDATA missing from the environment: the profile's AppData\Local.
    expect(planDataLocation({ ...win, localAppData: undefined, isPackaged: true }).userData).toBe(path.join('/p', 'AppData', 'Local', 'Partenaires MCP'));
  });

  it('unpackaged runs: a folder of their own, never the installed app’s (nor its Roaming data)', () => {
    expect(planDataLocation({ ...win, isPackaged: false })).toEqual({ userData: path.join('/p/AppData/Local', 'Partenaires MCP (développement)') });
    expect(planDataLocation({ ...win, platform: 'linux', appData: '/home/j/.config', isPackaged: false })).toEqual({ userData: path.join('/home/j/.config', 'Partenaires MCP (développement)') });
    expect(planDataLocation({ ...win, isPackaged: false, testOverride: '/tmp/jetable' })).toEqual({ userData: path.resolve('/tmp/jetable') });
    // The test folder is for unpackaged runs only.
    expect(planDataLocation({ ...win, isPackaged: true, testOverride: '/tmp/jetable' }).userData).toBe(path.join('/p/AppData/Local', 'Partenaires MCP'));
  });

  it('Linux / macOS: appData as before (no roaming profiles)', () => {
    expect(planDataLocation({ ...win, platform: 'linux', appData: '/home/j/.config', isPackaged: true })).toEqual({ userData: path.join('/home/j/.config', 'Partenaires MCP') });
  });

  function legacyTree() {
    const legacy = path.join(base, 'Roaming', 'Partenaires MCP');
    fs.mkdirSync(path.join(legacy, 'IndexedDB', 'app_partenaires_0.indexeddb.leveldb'), { recursive: true });
    fs.writeFileSync(path.join(legacy, 'config.json'), '{"settingsVersion":1}');
    fs.writeFileSync(path.join(legacy, 'IndexedDB', 'app_partenaires_0.indexeddb.leveldb', '000003.log'), 'base');
    return { legacy, userData: path.join(base, 'Local', 'Partenaires MCP') };
  }
  const tree = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

  it('moves the old folder once (rename), and leaves an existing new folder alone', () => {
    const plan = legacyTree();
    const before = tree(plan.legacy);
    const logs: string[] = [];
    expect(moveLegacyData(plan, fs, (m) => logs.push(m))).toEqual({ userData: plan.userData, movedFrom: plan.legacy });
    expect(tree(plan.userData)).toEqual(before);
    expect(fs.existsSync(plan.legacy)).toBe(false);
    expect(logs[0]).toMatch(/^Données déplacées de /);
    fs.mkdirSync(plan.legacy);
    expect(moveLegacyData(plan, fs, () => undefined)).toEqual({ userData: plan.userData });
    expect(fs.existsSync(plan.legacy)).toBe(true);
  });

  it('another volume (rename refused): copies, then removes the old folder', () => {
    const plan = legacyTree();
    const before = tree(plan.legacy);
    const exdev = { ...fs, renameSync: () => { throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); } };
    expect(moveLegacyData(plan, exdev, () => undefined)).toEqual({ userData: plan.userData, movedFrom: plan.legacy });
    expect(tree(plan.userData)).toEqual(before);
    expect(fs.readFileSync(path.join(plan.userData, 'config.json'), 'utf8')).toBe('{"settingsVersion":1}');
    expect(fs.existsSync(plan.legacy)).toBe(false);
  });

  it('copy fails half-way: the partial copy is removed and the old folder is used, unchanged', () => {
    const plan = legacyTree();
    const before = tree(plan.legacy);
    const broken = {
      ...fs,
      renameSync: () => { throw new Error('EXDEV'); },
      cpSync: (from: string, to: string) => {
        fs.mkdirSync(to, { recursive: true });
        fs.writeFileSync(path.join(to, 'config.json'), '{');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    const logs: string[] = [];
    expect(moveLegacyData(plan, broken, (m) => logs.push(m))).toEqual({ userData: plan.legacy });
    expect(fs.existsSync(plan.userData)).toBe(false);
    expect(tree(plan.legacy)).toEqual(before);
    expect(logs[0]).toContain('elles restent dans');
  });

  it('paths stored in the settings follow the move when they were inside the old folder', () => {
    const from = path.join('/r', 'Partenaires MCP');
    const to = path.join('/l', 'Partenaires MCP');
    expect(relocatedPath(path.join(from, 'Sauvegardes'), from, to)).toBe(path.join(to, 'Sauvegardes'));
    expect(relocatedPath(from, from, to)).toBe(to);
    expect(relocatedPath(path.join('/r', 'Partenaires MCP autre'), from, to)).toBeNull();
    expect(relocatedPath(path.join('/partage', 'Sauvegardes'), from, to)).toBeNull();
  });
});

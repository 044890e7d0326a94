import { beforeEach, describe, expect, it } from 'vitest';
import { createBrowserPlatform } from './browser';
import type { SettingsPatch } from '../../shared/settings/schema';
import { MemoryStorage } from './memoryStorage';

beforeEach(() => {
  Object.assign(globalThis, {
    localStorage: new MemoryStorage(),
    sessionStorage: new MemoryStorage(),
    document: { addEventListener: () => undefined },
  });
});

describe('browser platform settings', () => {
  it('makes a replica id once and keeps it', async () => {
    const p = createBrowserPlatform();
    const first = await p.getSettings();
    expect(first.replicaId).toMatch(/^[0-9a-f]{16}$/);
    expect((await createBrowserPlatform().getSettings()).replicaId).toBe(first.replicaId);
  });

  it('refuses a setting of the wrong type with a French message and changes nothing', async () => {
    const p = createBrowserPlatform();
    await p.updateSettings({ userName: 'Marie Hoarau' });
    const before = localStorage.getItem('partenaires.settings');
    await expect(p.updateSettings({ userName: 42 } as unknown as SettingsPatch)).rejects.toThrow(/Paramètre refusé/);
    expect(localStorage.getItem('partenaires.settings')).toBe(before);
  });

  it('recovers from a corrupt settings entry, keeping a copy aside', async () => {
    localStorage.setItem('partenaires.settings', '{pas du json');
    const s = await createBrowserPlatform().getSettings();
    expect(s.replicaId).toMatch(/^[0-9a-f]{16}$/);
    expect(localStorage.getItem('partenaires.settings.illisible')).toBe('{pas du json');
  });

  it('reads current settings as stored, and still migrates an older entry (full rules, loaded then)', async () => {
    const p = createBrowserPlatform();
    const current = await p.updateSettings({ userName: 'Marie Hoarau' });
    expect(await createBrowserPlatform().getSettings()).toEqual(current);
    const { officeCafId: _gone, ...v1 } = current;
    localStorage.setItem('partenaires.settings', JSON.stringify({ ...v1, settingsVersion: 1 }));
    expect(await createBrowserPlatform().getSettings()).toEqual({ ...current, officeCafId: '' });
    expect(JSON.parse(localStorage.getItem('partenaires.settings')!)).toMatchObject({ settingsVersion: 2, officeCafId: '' });
  });
});

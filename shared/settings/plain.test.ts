import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { territories } from '../domain/values';
import { defaultSettings, settingsSchema } from './schema';
import { settingsFromStored, SETTINGS_VERSION_KEY } from './migrate';
import { plainSettings, plainStoredSettings, SETTINGS_VERSION } from './plain';

/** Strings around each length limit, and values of the wrong type. */
const text = (max: number) => fc.oneof(fc.string({ maxLength: 3 }), fc.string({ minLength: max - 1, maxLength: max + 1 }), fc.constantFrom(undefined, null, 3, {}));
const int = (min: number, max: number) =>
  fc.oneof(fc.integer({ min: min - 2, max: max + 2 }), fc.constantFrom(min, max, min - 1, max + 1, 1.5, Number.NaN, Infinity, 2 ** 60, '10', undefined));

const almostSettings = fc.record(
  {
    replicaId: fc.oneof(fc.constant('0123456789abcdef'), fc.stringMatching(/^[0-9a-f]{15,17}$/), fc.constant('0123456789ABCDEF'), fc.constant(undefined)),
    replicaLabel: text(80),
    userName: text(120),
    officeCafId: text(64),
    caf: fc.oneof(
      fc.record({
        name: text(200),
        addressLine1: text(200),
        addressLine2: text(200),
        postalCode: text(10),
        city: text(120),
        territory: fc.oneof(fc.constantFrom(...territories), fc.constantFrom('paris', undefined)),
        extra: fc.constant('ignoré'),
      }, { requiredKeys: ['name', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'territory'] }),
      fc.constantFrom(null, 'caf'),
    ),
    syncFolder: text(1000),
    backups: fc.record({ folder: text(1000), keep: int(1, 365), lastAt: text(40) }),
    window: fc.record(
      { x: int(-5000, 5000), y: int(-5000, 5000), width: int(640, 10000), height: int(480, 10000), maximized: fc.oneof(fc.boolean(), fc.constant('oui')) },
      { requiredKeys: ['width', 'height', 'maximized'] },
    ),
    autre: fc.constant(1),
  },
  { requiredKeys: ['replicaId', 'replicaLabel', 'userName', 'officeCafId', 'caf', 'syncFolder', 'backups', 'window'] },
);

describe('settings read without zod', () => {
  it('accepts exactly what settingsSchema accepts, and returns what its parse returns', () => {
    fc.assert(
      fc.property(almostSettings, (v) => {
        const parsed = settingsSchema.safeParse(v);
        expect(plainSettings(v)).toEqual(parsed.success ? parsed.data : null);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives settingsFromStored’s result for stored settings at the current version, null for any other', () => {
    const current = { ...defaultSettings('0123456789abcdef'), userName: 'Anne', [SETTINGS_VERSION_KEY]: SETTINGS_VERSION };
    expect(plainStoredSettings(current)).toEqual(settingsFromStored(current, () => 'ffffffffffffffff').settings);
    expect(plainStoredSettings({ ...current, [SETTINGS_VERSION_KEY]: 1 })).toBeNull();
    expect(plainStoredSettings({ ...current, [SETTINGS_VERSION_KEY]: SETTINGS_VERSION + 1 })).toBeNull();
    expect(plainStoredSettings({ ...current, backups: { folder: '', keep: 0, lastAt: '' } })).toBeNull();
    expect(plainStoredSettings(null)).toBeNull();
  });
});

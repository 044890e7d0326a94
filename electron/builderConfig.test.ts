// electron-builder.yml is checked against electron-builder's own JSON schema (app-builder-lib/scheme.json),
// then for the choices issue 2 asks for: Windows NSIS, per user, French, icon from assets/, .mcpsync association.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BUNDLE_EXTENSION } from '../shared/ipc/contract';

const repo = path.resolve(__dirname, '..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<string, unknown>;
const config = yaml.load(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form YAML, checked by the schema below

function validate(value: unknown) {
  // electron-builder's schema uses a few non-standard keywords (e.g. tsType): allowed, not enforced.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  return { valid: check(value), errors: check.errors ?? [] };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's JSON schema", () => {
    const { valid, errors } = validate(config);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check really catches mistakes', () => {
    expect(validate({ ...config, nsis: { ...config.nsis, perMachine: 'non' } }).valid).toBe(false);
    expect(validate({ ...config, nsiss: {} }).valid).toBe(false);
    expect(validate({ ...config, fileAssociations: [{ ext: 'mcpsync', nom: 'x' }] }).valid).toBe(false);
  });

  it('builds a per-user French NSIS installer with the app icon and the bundle file association', () => {
    expect(config.appId).toBe('fr.caf.partenaires-mcp');
    expect(config.productName).toBe('Partenaires MCP');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, language: '1036', installerLanguages: ['fr_FR'], deleteAppDataOnUninstall: false });
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: BUNDLE_EXTENSION, description: expect.stringMatching(/synchronisation/) })]);
    for (const icon of [config.icon, config.win.icon, config.nsis.installerIcon, config.fileAssociations[0].icon]) {
      expect(fs.existsSync(path.join(repo, icon))).toBe(true);
    }
    // 256×256 PNG, the size electron-builder needs for Windows.
    const png = fs.readFileSync(path.join(repo, 'assets/icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
    // The packaged app starts from the bundle the build writes.
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.productName).toBe(config.productName);
    expect(config.files).toContain('dist/electron/**/*');
  });
});

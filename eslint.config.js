// Lint, including the layer rule of docs/architecture.md (after VS Code's common/browser/electron-main):
//   shared/   imports nothing from electron/ or renderer/, and no Node, Electron or DOM-only module;
//   electron/ imports shared/ only (never renderer/);
//   renderer/ imports shared/ only (never electron/); features reach the bridge through renderer/platform.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'stream', 'events', 'worker_threads'];
const nodeImports = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['dist/**', '**/dist/**', 'release/**', 'node_modules/**', 'e2e/artifacts/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeImports, 'electron', 'electron-store', 'dexie', 'react', 'react-dom'].map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node, Electron, DOM, Dexie or React (layer rule).' })),
        patterns: [
          { group: ['**/electron/**', '**/renderer/**', '../electron', '../renderer', '../../electron', '../../renderer'], message: 'shared/ never imports electron/ or renderer/ (layer rule).' },
          { group: ['@mui/*'], message: 'shared/ is UI-free (layer rule).' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'shared/ has no DOM (layer rule).' },
        { name: 'document', message: 'shared/ has no DOM (layer rule).' },
        { name: 'localStorage', message: 'shared/ has no DOM (layer rule).' },
        { name: 'indexedDB', message: 'shared/ has no storage (layer rule).' },
        { name: 'process', message: 'shared/ has no Node (layer rule).' },
        { name: 'require', message: 'shared/ has no Node (layer rule).' },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'electron/ never imports renderer/: the IPC contract lives in shared/ (layer rule).' },
          { group: ['react', 'react-dom', '@mui/*', 'dexie'], message: 'electron/ is the thin shell: UI and database live in renderer/ (layer rule).' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', {
        paths: [...nodeImports, 'electron', 'electron-store', 'conf'].map((name) => ({ name, message: 'renderer/ runs sandboxed: reach the system through renderer/platform (layer rule).' })),
        patterns: [
          { group: ['**/electron/**', '../electron', '../../electron', '../../../electron'], message: 'renderer/ never imports electron/: use shared/ipc and renderer/platform (layer rule).' },
        ],
      }],
    },
  },
  {
    // Only the platform layer may touch the preload bridge.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/platform/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'partenaires', message: 'Features use renderer/platform, never the bridge directly.' }],
    },
  },
  {
    files: ['e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,js,mjs}', '*.config.{ts,js}', '.ci/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);

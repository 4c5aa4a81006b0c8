import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      'build/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // Mutation testing: its sandbox (while a run lasts) and its reports.
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'core/ is the engine: no Electron. Put platform code in electron/.' },
            { name: 'react', message: 'core/ is the engine: no UI code.' },
            { name: 'react-dom', message: 'core/ is the engine: no DOM code.' },
          ],
          patterns: [
            {
              group: ['electron/*', '**/electron/**', '**/renderer/**'],
              message: 'core/ must not import the shell or the UI.',
            },
            {
              group: ['**/fakes/electron*'],
              message: "The fake 'electron' module is for the shell's tests only: the engine never sees Electron.",
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'core/ has no DOM.' },
        { name: 'document', message: 'core/ has no DOM.' },
        { name: 'navigator', message: 'core/ has no DOM.' },
        { name: 'localStorage', message: 'core/ has no DOM.' },
      ],
      'no-console': 'error',
    },
  },
  {
    // CommonJS files (the command line's bundle loader, scripts/cli-boot.cjs) load with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
);

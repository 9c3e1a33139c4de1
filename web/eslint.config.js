// ESLint (flat config) for the pages: browser ES modules, no framework, no build step. Run by
// `./mvnw verify` (local/pom.xml, `npm run lint` in web/) and by hand with `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: globals.browser,
    },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
      'no-implicit-globals': 'error',
      'no-restricted-properties': ['error',
        { object: 'localStorage', message: 'Keep nothing a second device would miss: read it from the API.' }],
      'no-restricted-globals': ['error',
        { name: 'localStorage', message: 'Keep nothing a second device would miss: read it from the API.' }],
    },
  },
];

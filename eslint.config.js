// @ts-check
import tseslint from 'typescript-eslint';

/** Modules the pure core must never import: it stays free of AWS, the browser and the file system. */
const forbiddenInCore = [
  {
    group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@aws-lambda-powertools/*'],
    message: 'The core must not depend on AWS; use a port in src/core/ports.ts.',
  },
  {
    group: ['puppeteer-core', 'puppeteer', '@sparticuz/chromium'],
    message: 'The core must not depend on the browser; use the PdfPrinter port.',
  },
  {
    group: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'node:child_process', 'child_process'],
    message: 'The core must not touch the file system or processes; adapters pass bytes in.',
  },
  {
    group: ['../adapters/*', '../../adapters/*', '../../../adapters/*', '../cli/*', '../../cli/*'],
    message: 'The core never imports adapters or the CLI.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'out/**', '.local/**', 'examples/**', 'docs/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInCore }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The core reads no environment; pass options in.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core has no clock; pass the time in.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The core is deterministic; use a seeded generator.' },
        { object: 'Date', property: 'now', message: 'The core has no clock; pass the time in.' },
        { object: 'performance', property: 'now', message: 'The core has no clock; pass the time in.' },
      ],
    },
  },
);

#!/usr/bin/env node
// Thin launcher: lets `npx sia` run the TypeScript CLI without a build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
await run();

#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/. Run `npm run build` (or `npm start`) first.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dossier: the CLI is not built yet; run `npm run build` from the repository root first.');
  process.exit(2);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `dossier: Node.js 24 or newer is required (this is ${process.version}); run it through npm (npx dossier), which uses the project's pinned Node.`,
  );
  process.exit(2);
}
// Node's on-disk compile cache (in the OS temp folder) spares every later run most of the module compiling.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
await import(entry.href);

/**
 * Builds the API reference (TypeDoc, options in typedoc.json) with one entry point per package.json export, so
 * that a new entry is documented without a list to keep in step. Extra arguments go to TypeDoc.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageEntries } from './entries.js';

// typedoc's `exports` hide its bin script: find it beside its package.json.
const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
const run = spawnSync(process.execPath, [typedoc, ...packageEntries().map((e) => e.source), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);

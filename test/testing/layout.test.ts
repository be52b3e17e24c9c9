/**
 * "A new lifecycle is one folder": the package exports, the build, the diagrams, the kit registry and the
 * lifecycle folders must agree, and docs/adding-a-lifecycle.md must name files that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diagramSources, packageEntries } from '../../scripts/entries.js';
import tsupConfig from '../../tsup.config.js';
import { builtInKits } from '../../src/testing/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

/** Folders under src/ that carry a test kit: src/<name>/kit/index.ts. */
const kitFolders = readdirSync(`${root}src`, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${root}src/${d.name}/kit/index.ts`))
  .map((d) => d.name)
  .sort();

/** The kit folders that src/testing/lifecycle-kits.ts registers, from its `export * from '../<name>/kit/index.js'` lines. */
const registeredFolders = [...read('src/testing/lifecycle-kits.ts').matchAll(/^export \* from '\.\.\/([^/]+)\/kit\/index\.js';$/gm)]
  .map((m) => m[1]!)
  .sort();

describe('the lifecycle folders, the package and the registry agree', () => {
  it('finds the built-in lifecycles', () => {
    expect(kitFolders).toEqual(['defectdojo', 'plextrac', 'review']);
  });

  it('registers every kit folder once in lifecycle-kits.ts, and nothing else', () => {
    expect(registeredFolders).toEqual(kitFolders);
  });

  it('makes every lifecycle folder a package entry with a diagram', () => {
    const entries = packageEntries().map((e) => e.name);
    const drawn = diagramSources().map((d) => d.name);
    for (const folder of kitFolders) {
      expect(entries).toContain(folder);
      expect(drawn).toContain(folder);
      expect(existsSync(`${root}docs/diagrams/${folder}.md`)).toBe(true);
    }
    // Only a lifecycle draws a diagram.
    expect([...drawn].sort()).toEqual(kitFolders);
  });

  it('names each folder after the lifecycle it exports, the id its kit is registered under', async () => {
    expect(Object.keys(builtInKits).sort()).toEqual(kitFolders);
    for (const folder of kitFolders) {
      const entry = packageEntries().find((e) => e.name === folder)!;
      const module = (await import(pathToFileURL(`${root}${entry.source}`).href)) as Record<string, unknown>;
      const ids = Object.values(module)
        .filter((v): v is { id: string; declaration: object } => typeof v === 'object' && v !== null && 'declaration' in v && typeof (v as { id?: unknown }).id === 'string')
        .map((v) => v.id);
      expect(ids).toContain(folder);
    }
  });

  it('builds exactly the package entries', () => {
    const config = tsupConfig as { entry: Record<string, string> };
    expect(config.entry).toEqual(Object.fromEntries(packageEntries().map((e) => [e.name, e.source])));
    expect(Object.keys(config.entry)).toEqual(expect.arrayContaining(['index', 'plextrac', 'defectdojo', 'store', 'workflow', 'testing']));
  });
});

describe('docs/adding-a-lifecycle.md', () => {
  const doc = read('docs/adding-a-lifecycle.md');

  it('names only files that exist (with <name> read as each built-in lifecycle)', () => {
    const paths = [...doc.matchAll(/`((?:src|scripts|docs|test)\/[^`\s]+|package\.json|tsup\.config\.ts)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of new Set(paths)) {
      for (const folder of path.includes('<name>') ? kitFolders : ['']) {
        const concrete = path.replaceAll('<name>', folder).replace(/\/$/, '');
        expect(existsSync(`${root}${concrete}`), `${path} (${concrete})`).toBe(true);
      }
    }
  });

  it('lists the two registration lines the layout test checks', () => {
    expect(doc).toContain('src/testing/lifecycle-kits.ts');
    expect(doc).toContain('package.json');
  });
});

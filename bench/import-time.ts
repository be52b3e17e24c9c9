/**
 * Question: how long does a cold `import` of each entry point take, next to a cold import of its dependencies
 * alone? Fresh Node processes, alternating, median of several runs, on the built ESM files (run `npm run build`
 * first). Goal: each entry at most 1.3× its dependencies alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

/** Bare specifiers a built file loads, following its relative imports (chunks). */
function externalImports(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  // Statement-level imports only (line-anchored): built files also hold "import ... from" inside strings and comments.
  for (const m of code.matchAll(/^(?:import|export)\s[^;\n]*?from\s*['"]([^'"]+)['"];?\s*$|^import\s*['"]([^'"]+)['"];?\s*$/gm)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('.')) for (const e of externalImports(fileURLToPath(new URL(spec, pathToFileURL(file))), seen)) out.add(e);
    else out.add(spec);
  }
  return out;
}

function coldImport(specifiers: readonly string[]): number {
  const code = `const t = performance.now(); ${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ')} process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' }));
}

export interface ImportTime {
  readonly entry: string;
  readonly entryMs: number;
  readonly depsMs: number;
  readonly deps: readonly string[];
}

export function runImportTimeBench(rounds = 15): ImportTime[] {
  const exportsMap = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).exports as Record<string, { import?: { default?: string } }>;
  const results: ImportTime[] = [];
  for (const [entry, target] of Object.entries(exportsMap)) {
    const file = target.import?.default;
    if (!file || !existsSync(`${root}${file}`)) continue;
    const deps = [...externalImports(`${root}${file}`)].sort();
    const entryUrl = pathToFileURL(`${root}${file}`).href;
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds; i++) {
      a.push(coldImport([entryUrl]));
      b.push(coldImport(deps));
    }
    results.push({ entry, entryMs: median(a), depsMs: median(b), deps });
  }
  return results;
}

export function reportImportTime(results: readonly ImportTime[]): string[] {
  if (results.length === 0) return ['cold import: no build found (run npm run build first)'];
  return [
    'cold import of each entry (built ESM) against its dependencies alone, median of fresh processes',
    ...results.map((r) => {
      const ratio = r.entryMs / r.depsMs;
      return `${r.entry.padEnd(14)} ${r.entryMs.toFixed(1).padStart(7)} ms vs deps ${r.depsMs.toFixed(1).padStart(7)} ms = ${ratio.toFixed(2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'NOT met'})  [${r.deps.join(', ')}]`;
    }),
  ];
}

/**
 * Question: how long does a cold `import` of each entry point take, next to a cold import of its dependencies
 * alone? Fresh Node processes, alternating (entry, dependencies, entry, …), on the built ESM files (run `npm run
 * build` first): the CPU time and wall time of each import, and the ratio paired per run, median and spread.
 * Goal: each entry at most 1.2× its dependencies alone (CPU).
 *
 * Alone: `npm run build && npx tsx bench/import-time.ts [pairs] [entry …]` (21 pairs and every entry by default;
 * entries as in package.json `exports`, e.g. `./defectdojo`). `npm run bench` runs it with the other questions.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatSpread, median, spread, type Spread } from './harness.js';

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

/** Wall and CPU milliseconds of importing `specifiers` in a fresh Node process. */
function coldImport(specifiers: readonly string[]): { wallMs: number; cpuMs: number } {
  const code = `const c = process.cpuUsage(); const t = performance.now(); ${specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ')} const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(JSON.stringify({ wallMs: w, cpuMs: (u.user + u.system) / 1000 }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' })) as { wallMs: number; cpuMs: number };
}

export interface ImportTime {
  readonly entry: string;
  /** Median CPU ms of the entry's import, and of its dependencies' alone. */
  readonly entryMs: number;
  readonly depsMs: number;
  /** Entry over dependencies, paired run by run: CPU and wall. */
  readonly cpuRatio: Spread;
  readonly wallRatio: Spread;
  readonly deps: readonly string[];
  /** The 1-minute load average before and after the entry's series: the machine is shared. */
  readonly load: readonly [number, number];
}

export function runImportTimeBench(rounds = 21, only: readonly string[] = []): ImportTime[] {
  const exportsMap = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).exports as Record<string, { import?: { default?: string } }>;
  const results: ImportTime[] = [];
  for (const [entry, target] of Object.entries(exportsMap)) {
    if (only.length > 0 && !only.includes(entry)) continue;
    const file = target.import?.default;
    if (!file || !existsSync(`${root}${file}`)) continue;
    const deps = [...externalImports(`${root}${file}`)].sort();
    const entryUrl = pathToFileURL(`${root}${file}`).href;
    const loadBefore = os.loadavg()[0]!;
    const a: { wallMs: number; cpuMs: number }[] = [];
    const b: { wallMs: number; cpuMs: number }[] = [];
    coldImport([entryUrl]); // warm the file-system cache for both
    coldImport(deps);
    // A B, then B A: which of the two runs first in a pair alternates, so that neither side always follows the other.
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        a.push(coldImport([entryUrl]));
        b.push(coldImport(deps));
      } else {
        b.push(coldImport(deps));
        a.push(coldImport([entryUrl]));
      }
    }
    results.push({
      entry,
      entryMs: median(a.map((x) => x.cpuMs)),
      depsMs: median(b.map((x) => x.cpuMs)),
      cpuRatio: spread(a.map((x, i) => x.cpuMs / b[i]!.cpuMs)),
      wallRatio: spread(a.map((x, i) => x.wallMs / b[i]!.wallMs)),
      deps,
      load: [loadBefore, os.loadavg()[0]!],
    });
  }
  return results;
}

export function reportImportTime(results: readonly ImportTime[]): string[] {
  if (results.length === 0) return ['cold import: no build found (run npm run build first)'];
  return [
    'cold import of each entry (built ESM) against its dependencies alone: fresh processes, alternating, paired ratios (median and range)',
    ...results.map((r) => {
      const met = r.cpuRatio.median <= 1.2;
      return `${met ? 'met    ' : 'NOT met'} | ${r.entry.padEnd(16)} CPU ${r.entryMs.toFixed(1).padStart(6)} ms vs deps ${r.depsMs.toFixed(1).padStart(6)} ms: ${formatSpread(r.cpuRatio)} CPU, ${formatSpread(r.wallRatio)} wall (goal ≤ 1.2×), load ${r.load.map((l) => l.toFixed(1)).join('→')}  [${r.deps.join(', ')}]`;
    }),
  ];
}

// Run alone (not when `bench/run.ts` imports it).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [pairs, ...entries] = process.argv.slice(2);
  console.log(reportImportTime(runImportTimeBench(pairs === undefined ? 21 : Number(pairs), entries)).join('\n'));
}

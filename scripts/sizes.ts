/**
 * What each entry point adds to a consumer's bundle, minified and gzipped, with esbuild; peers (zod, fast-check)
 * excluded. `npx tsx scripts/sizes.ts --check` fails when an entry exceeds its budget or when `derive` alone pulls
 * in xstate (run after `npm run build`). bench/size.ts reports the same figures.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { packageEntries } from './entries.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SizeCase {
  readonly name: string;
  /** The module a consumer writes. */
  readonly code: string;
  /** Budget in bytes, min+gz. */
  readonly budget: number;
  /** Packages that must not appear in the bundle. */
  readonly forbid?: readonly string[];
}

export interface SizeResult extends SizeCase {
  readonly minified: number;
  readonly gzipped: number;
  readonly forbidden: readonly string[];
}

/**
 * Budgets (bytes, min+gz) by package.json export; every export is measured, and one not listed here gets
 * DEFAULT_BUDGET. Raise one only with a reason in the commit message.
 */
const BUDGETS: Record<string, number> = {
  '.': 30_000,
  './plextrac': 28_000,
  './defectdojo': 44_000,
  './store': 14_000,
  './workflow': 30_000,
  // The test kit (fast-check is a peer, not in the bundle): every built-in lifecycle's kit, the kit's diagnoses and
  // argument checks (57.4 kB built, 79.1 kB before the store conformance suite became its own entry, #14).
  './testing': 62_000,
  // The store conformance suite: its cases, the in-memory store as the reference, the probe lifecycles (28.8 kB built).
  './testing/store': 32_000,
  // The adapter's SQL (the one-statement save and page write), its migrations, and the checks of the database it is
  // given (an answer without rows, a data exception as invalid_input): 12.2 kB built.
  './postgres': 13_000,
  './review': 26_000,
  // The mapping tables, and the argument checks (core's zod helpers) that refuse an unknown status: 2.5 kB built.
  './bridge': 3_000,
  // PlexTrac's and DefectDojo's lifecycles (without DefectDojo's aggregate) and the retest code, settleRetest
  // included: 26.0 kB built since their schemas are built on first use (core's lazy stand-ins, #14).
  './retest': 27_000,
  './machine': 40_000,
};
const DEFAULT_BUDGET = 40_000;

export const SIZE_CASES: readonly SizeCase[] = [
  { name: "derive alone (import { derive } from 'engagement-lifecycle/plextrac')", code: "export { derive } from 'engagement-lifecycle/plextrac';", budget: 3 * 1024, forbid: ['xstate'] },
  {
    name: "fast engine alone (PlexTrac create/apply, no machine)",
    code: "import { plextrac } from 'engagement-lifecycle/plextrac'; export const run = (e, s, x) => [plextrac.create(e), plextrac.apply(s, x)];",
    budget: 28_000,
    forbid: ['xstate'],
  },
  ...packageEntries().map((entry) => ({
    name: `all of ${entry.specifier}`,
    code: `export * from '${entry.specifier}';`,
    budget: BUDGETS[entry.subpath] ?? DEFAULT_BUDGET,
  })),
];

/**
 * Rewrites `engagement-lifecycle/x` to the built `dist/x.js`, as a consumer's bundler resolves it through the
 * package's `exports`; left to itself esbuild follows tsconfig `paths` to `src/` and measures the sources instead.
 */
function toDist(code: string): string {
  return code.replace(/'engagement-lifecycle(?:\/([\w-]+))?'/g, (_, name: string | undefined) => JSON.stringify(`${root}dist/${name ?? 'index'}.js`));
}

export async function measureSizes(cases: readonly SizeCase[] = SIZE_CASES): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const c of cases) {
    const out = await build({
      stdin: { contents: toDist(c.code), resolveDir: root, loader: 'js' },
      // No tsconfig: its `paths` would send imports back to src/.
      tsconfigRaw: {},
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      external: ['zod', 'fast-check'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.contents;
    const used = Object.values(out.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([p]) => p));
    const forbidden = (c.forbid ?? []).filter((pkg) => used.some((p) => p.includes(`node_modules/${pkg}/`)));
    results.push({ ...c, minified: code.length, gzipped: gzipSync(code).length, forbidden });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await measureSizes();
  let failed = false;
  for (const r of results) {
    const over = r.gzipped > r.budget;
    const line = `${r.name.padEnd(72)} ${String(r.gzipped).padStart(7)} B min+gz (budget ${r.budget})`;
    process.stdout.write(`${over || r.forbidden.length ? 'FAIL' : 'ok  '} ${line}${r.forbidden.length ? `; pulls in ${r.forbidden.join(', ')}` : ''}\n`);
    failed ||= over || r.forbidden.length > 0;
  }
  if (process.argv.includes('--check') && failed) process.exit(1);
}

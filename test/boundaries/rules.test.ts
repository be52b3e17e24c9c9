/**
 * The boundary rules (.dependency-cruiser.cjs) catch what they claim to: dependency-cruiser runs with the real
 * rule file on a small tree that keeps every rule, and on one where each rule is broken by a planted import.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');
const made: string[] = [];

/** A throw-away project: `files` under its root, the repository's node_modules beside them. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  made.push(dir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface Violation {
  readonly rule: string;
  readonly from: string;
}

/**
 * Runs dependency-cruiser on `src/` of `dir` as `npm run lint:deps` does (its `err` report, its exit code), and
 * reads the violations from the report's `error <rule>: <from> → <to>` lines.
 */
function cruise(dir: string): { failed: boolean; violations: readonly Violation[] } {
  let failed = false;
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'src', '--config', config], { cwd: dir, encoding: 'utf8' });
  } catch (error) {
    failed = true;
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  const violations = [...out.matchAll(/^\s*error ([\w-]+): (\S+)/gm)].map(([, rule, from]) => ({ rule: rule!, from: from! }));
  return { failed, violations };
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A layout that keeps every rule: the shape the library's src/ has. */
const good: Record<string, string> = {
  'src/core/dates.ts': 'export const day = 1;\n',
  'src/core/machine.ts': "import { createMachine } from 'xstate';\nexport const machine = createMachine;\n",
  'src/core/index.ts': "export { day } from './dates.js';\nexport { machine } from './machine.js';\n",
  'src/plextrac/derive.ts': "import { day } from '../core/index.js';\nexport const derive = day;\n",
  'src/plextrac/index.ts': "export { derive } from './derive.js';\n",
  'src/plextrac/kit/index.ts':
    "import * as fc from 'fast-check';\nimport { derive } from '../index.js';\nimport { support } from '../../testing/kit-support.js';\nexport const kit = [fc, derive, support];\n",
  'src/defectdojo/lifecycle/index.ts': "import { day } from '../../core/index.js';\nexport const lifecycle = day;\n",
  'src/defectdojo/aggregate/index.ts': "import { lifecycle } from '../lifecycle/index.js';\nexport const aggregate = lifecycle;\n",
  'src/defectdojo/index.ts': "export { lifecycle } from './lifecycle/index.js';\nexport { aggregate } from './aggregate/index.js';\n",
  'src/defectdojo/kit/index.ts': "import { lifecycle } from '../lifecycle/index.js';\nexport const kit = lifecycle;\n",
  'src/review/lifecycle.ts': "import { day } from '../core/index.js';\nimport { derive } from '../plextrac/index.js';\nexport const review = [day, derive];\n",
  'src/review/index.ts': "export { review } from './lifecycle.js';\n",
  'src/review/kit/index.ts':
    "import * as fc from 'fast-check';\nimport { review } from '../index.js';\nimport { support } from '../../testing/kit-support.js';\nexport const kit = [fc, review, support];\n",
  'src/bridge/index.ts':
    "import { day } from '../core/index.js';\nimport { derive } from '../plextrac/index.js';\nimport { lifecycle } from '../defectdojo/index.js';\nexport const bridge = [day, derive, lifecycle];\n",
  'src/retest/index.ts':
    "import { day } from '../core/index.js';\nimport { derive } from '../plextrac/index.js';\nimport { lifecycle } from '../defectdojo/lifecycle/index.js';\nexport const retest = [day, derive, lifecycle];\n",
  'src/workflow/index.ts': "import { getShortestPaths } from 'xstate/graph';\nimport { machine } from '../core/index.js';\nexport const walk = [getShortestPaths, machine];\n",
  'src/store/index.ts': "import { day } from '../core/index.js';\nexport const store = day;\n",
  'src/testing/kit-support.ts': "export const support = 1;\n",
  'src/testing/index.ts':
    "import * as fc from 'fast-check';\nimport { kit } from '../plextrac/kit/index.js';\nimport { kit as dojo } from '../defectdojo/kit/index.js';\nexport const all = [fc, kit, dojo];\n",
  'src/index.ts': "export { day } from './core/index.js';\n",
};

/** Each rule, and the import planted to break it. */
const plants: Record<string, Record<string, string>> = {
  'core-imports-no-other-folder': { 'src/core/up.ts': "import { store } from '../store/index.js';\nexport const up = store;\n" },
  'core-only-through-its-index': { 'src/store/deep.ts': "import { day } from '../core/dates.js';\nexport const deep = day;\n" },
  'lifecycles-import-only-core': { 'src/plextrac/store.ts': "import { store } from '../store/index.js';\nexport const s = store;\n" },
  'review-imports-core-and-plextrac-index': {
    'src/review/deep-plextrac.ts': "import { derive } from '../plextrac/derive.js';\nexport const d = derive;\n",
    'src/review/store.ts': "import { store } from '../store/index.js';\nexport const s = store;\n",
  },
  'bridge-imports-only-the-lifecycle-indexes': {
    'src/bridge/deep.ts': "import { aggregate } from '../defectdojo/aggregate/index.js';\nexport const a = aggregate;\n",
  },
  'retest-imports-only-the-lifecycle-indexes': {
    'src/retest/aggregate.ts': "import { aggregate } from '../defectdojo/index.js';\nexport const a = aggregate;\n",
  },
  'nothing-imports-testing': { 'src/workflow/uses-testing.ts': "import { all } from '../testing/index.js';\nexport const t = all;\n" },
  'kits-reach-testing-only-through-kit-support': {
    'src/defectdojo/kit/deep-testing.ts': "import { all } from '../../testing/index.js';\nexport const t = all;\n",
  },
  'kits-only-from-testing': { 'src/store/kit-user.ts': "import { kit } from '../plextrac/kit/index.js';\nexport const k = kit;\n" },
  'kit-imports-no-other-kit': { 'src/defectdojo/kit/other.ts': "import { kit } from '../../plextrac/kit/index.js';\nexport const k = kit;\n" },
  'kit-imports-its-lifecycle-through-the-index': {
    'src/plextrac/kit/deep.ts': "import { derive } from '../derive.js';\nexport const d = derive;\n",
    'src/review/kit/deep.ts': "import { review } from '../lifecycle.js';\nexport const r = review;\n",
  },
  'defectdojo-kit-imports-only-the-lifecycle-index': { 'src/defectdojo/kit/aggregate.ts': "import { aggregate } from '../index.js';\nexport const a = aggregate;\n" },
  'fast-check-only-in-testing-and-kits': { 'src/store/arbitrary.ts': "import * as fc from 'fast-check';\nexport const a = fc;\n" },
  'xstate-only-in-core': { 'src/store/machine.ts': "import { createActor } from 'xstate';\nexport const a = createActor;\n" },
  'workflow-uses-only-xstate-graph': { 'src/workflow/machine.ts': "import { createMachine } from 'xstate';\nexport const m = createMachine;\n" },
  'no-cycles-in-src': {
    'src/store/ping.ts': "import { pong } from './pong.js';\nexport const ping = () => pong;\n",
    'src/store/pong.ts': "import { ping } from './ping.js';\nexport const pong = () => ping;\n",
  },
};

describe('the boundary rules', () => {
  it('pass on a tree that keeps them', () => {
    const result = cruise(tree(good));
    expect(result.violations).toEqual([]);
    expect(result.failed).toBe(false);
  }, 60_000);

  it('fail on a tree with one planted break per rule, and name each broken rule', () => {
    const result = cruise(tree({ ...good, ...Object.assign({}, ...Object.values(plants)) }));
    expect(result.failed).toBe(true);
    const broken = new Set(result.violations.map((violation) => violation.rule));
    expect([...broken].sort()).toEqual(Object.keys(plants).sort());
    // Each plant is caught where it was planted, not somewhere by accident.
    for (const [rule, files] of Object.entries(plants)) {
      const froms = result.violations.filter((violation) => violation.rule === rule).map((violation) => violation.from);
      expect(froms.some((from) => Object.keys(files).includes(from)), rule).toBe(true);
    }
  }, 60_000);
});

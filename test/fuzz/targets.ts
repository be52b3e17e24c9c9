/**
 * What the fuzzer calls: every function exported by every public entry, found at run time (a new export is fuzzed
 * without touching this file), the methods of exported lifecycles, and the methods of the
 * objects a few factories return (bound engines, the memory store, `createEngagements`). Each target knows how to
 * build a valid argument list, from the corpus, to start mutations from; a target without one gets a few valid
 * values of any kind.
 */
import { isLifecycle, type Chooser, type Corpus, type LifecycleCorpus } from './corpus.js';
import { machineEngine, snapshotOf } from '../../src/machine/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** The package's public entries, by their subpath (`.` is the root). */
export const ENTRY_NAMES = ['.', '/plextrac', '/defectdojo', '/store', '/workflow', '/testing', '/testing/store', '/machine', '/review', '/bridge', '/retest', '/postgres'] as const;
export type EntryName = (typeof ENTRY_NAMES)[number];
export type Entries = Record<EntryName, Record<string, unknown>>;

/** Loads the entries through their package names (vitest aliases them, tsx follows tsconfig `paths`). */
export async function loadEntries(): Promise<Entries> {
  const [root, plextrac, defectdojo, store, workflow, testing, testingStore, machine, review, bridge, retest, postgres] = await Promise.all([
    import('engagement-lifecycle'),
    import('engagement-lifecycle/plextrac'),
    import('engagement-lifecycle/defectdojo'),
    import('engagement-lifecycle/store'),
    import('engagement-lifecycle/workflow'),
    import('engagement-lifecycle/testing'),
    import('engagement-lifecycle/testing/store'),
    import('engagement-lifecycle/machine'),
    import('engagement-lifecycle/review'),
    import('engagement-lifecycle/bridge'),
    import('engagement-lifecycle/retest'),
    import('engagement-lifecycle/postgres'),
  ]);
  return {
    '.': root,
    '/plextrac': plextrac,
    '/defectdojo': defectdojo,
    '/store': store,
    '/workflow': workflow,
    '/testing': testing,
    '/testing/store': testingStore,
    '/machine': machine,
    '/review': review,
    '/bridge': bridge,
    '/retest': retest,
    '/postgres': postgres,
  };
}

export interface Target {
  readonly entry: EntryName;
  /** `toMermaid`, `plextrac.apply`, `plextrac.with().apply`, `createMemoryStore().save`. */
  readonly name: string;
  readonly call: (args: readonly unknown[]) => unknown;
  /** A valid argument list, or null when the target has no builder (then pool values stand in). */
  readonly valid: (choose: Chooser) => unknown[] | null;
}

const isClass = (fn: Function): boolean => /^class[\s{]/.test(Function.prototype.toString.call(fn));
const methodsOf = (object: object): string[] => Object.keys(object).filter((k) => typeof (object as Any)[k] === 'function').sort();

/** A copy of corpus data: a call that changes or freezes what it is given must not spoil the calls after it. */
const fresh = <T>(value: T): T => structuredClone(value);

/** Valid arguments for a lifecycle's methods (also those of `with()` and `machineEngine()`, without options). */
function lifecycleArgs(l: LifecycleCorpus, method: string, bound: boolean, choose: Chooser): unknown[] | null {
  const opts = (): unknown => (bound ? undefined : choose([undefined, { settings: l.settings.length > 0 ? fresh(choose(l.settings)) : {} }]));
  const state = () => fresh(choose(l.states));
  const withOpts = (args: unknown[]) => (bound ? args : [...args, opts()]);
  switch (method) {
    case 'create':
      return withOpts([fresh(choose(l.creates))]);
    case 'apply':
      return withOpts([state(), fresh(choose([...l.events, ...l.creates]))]);
    case 'nextDue':
      return withOpts([state()]);
    case 'with':
    case 'machine':
    case 'machineEngine':
      return [opts() ?? {}];
    case 'snapshotOf':
    case 'facets':
    case 'parseState':
      return [state()];
    case 'stateOf':
      return [snapshotOf(l.lifecycle, state())];
    case 'parseEvent':
      return [fresh(choose([...l.events, ...l.creates]))];
    case 'parseSettings':
      return [l.settings.length > 0 ? fresh(choose(l.settings)) : {}];
    default:
      return null;
  }
}

/** Valid arguments for exported functions, by name; the others get pool values. */
function functionArgs(name: string, corpus: Corpus, choose: Chooser): unknown[] | null {
  const l = choose(corpus.lifecycles);
  const now = '2026-03-01T09:00:00.000Z';
  const key = { lifecycle: 'plextrac', id: 'eng-1' };
  switch (name) {
    case 'toMermaid':
    case 'statusGraph':
    case 'findWorkflowProblems':
    case 'workflowInfo':
      return [l.lifecycle];
    case 'defineLifecycle':
      return [l.lifecycle.declaration];
    case 'deepFreeze':
      // Its purpose is to freeze what it is given: never hand it the library's own objects from the pool.
      return [fresh(choose(l.states))];
    case 'instant':
    case 'instantMs':
      return [now];
    case 'calendarDate':
      return ['2026-03-01'];
    case 'resolveJiraSettings':
      return [{ projectKey: 'SEC' }, { projectKey: 'APP', customFields: { team: 'red' } }];
    case 'writeOf': {
      const created = l.lifecycle.create(fresh(choose(l.creates)));
      return [l.lifecycle, null, created];
    }
    case 'statusAt':
      return [corpus.store, key, now];
    case 'sweep':
      return [corpus.store, { lifecycles: [l.lifecycle], now }];
    case 'reindex':
      return [corpus.store, { lifecycles: [l.lifecycle] }];
    case 'deliver':
      return [corpus.store, () => undefined];
    case 'createMemoryStore':
      return [{}];
    case 'createEngagements':
      return [corpus.store, { lifecycles: [l.lifecycle] }];
    case 'keyOf':
    case 'keyHash':
      return [key];
    case 'partitionOf':
      return [key, 4];
    case 'keyString':
      return ['plextrac', 'eng-1'];
    case 'clockArb':
      return [now, 3];
    case 'relativeDate':
      return [-5, 5];
    case 'relativeInstant':
      return [0, 86_400_000];
    case 'scenarioArb':
      return [l.lifecycle, { maxEvents: 3 }];
    case 'checkLifecycle':
      return [l.lifecycle, { numRuns: 2 }];
    // `/postgres`: the database is the corpus's (PGlite), behind the adapter's SqlDatabase.
    case 'createPostgresStore':
    case 'migrate':
      return corpus.postgres ? [corpus.postgres.db] : null;
    case 'pgliteDatabase':
    case 'pgDatabase': {
      // Driver look-alikes: wrapping one makes no query, so no server is needed.
      const query = async () => ({ rows: [] });
      return name === 'pgliteDatabase' ? [{ query, transaction: async (work: (tx: unknown) => unknown) => work({ query }) }] : [{ query, connect: async () => ({ query, release: () => undefined }) }];
    }
    case 'deliverOutbox':
      return corpus.postgres ? [corpus.postgres.db, { tenant: 'default', now, send: () => undefined }] : null;
    case 'deadLetters':
      return corpus.postgres ? [corpus.postgres.db, 'default'] : null;
    case 'retryDeadLetter':
      return corpus.postgres ? [corpus.postgres.db, 'default', 'plextrac:eng-1:1:status_changed'] : null;
    default:
      return null;
  }
}

/** Valid arguments for the memory store's and `createEngagements`' methods. */
function serviceArgs(kind: 'store' | 'engagements', method: string, corpus: Corpus, choose: Chooser): unknown[] | null {
  const l = choose(corpus.lifecycles);
  const key = { lifecycle: 'plextrac', id: 'eng-1' };
  const now = '2026-03-01T09:00:00.000Z';
  if (kind === 'engagements') {
    if (method === 'get') return [l.lifecycle, 'eng-1'];
    if (method === 'create') return [l.lifecycle, fresh(choose(l.creates))];
    if (method === 'apply') return [l.lifecycle, 'eng-1', fresh(choose(l.events))];
    if (method === 'sweep') return [{ now }];
    if (method === 'reindex') return [{}];
    return null;
  }
  if (['get', 'history', 'of'].includes(method)) return [key];
  if (['list', 'pending'].includes(method)) return [{}];
  if (method === 'due') return [{ now }];
  if (method === 'markDelivered') return [[]];
  if (method === 'reschedule') return [key, 1, now];
  return null;
}

/** Every target of every entry, in a stable order (entry, then name). */
export function listTargets(entries: Entries, corpus: Corpus): { readonly targets: Target[]; readonly skipped: string[] } {
  const targets: Target[] = [];
  const skipped: string[] = [];
  const corpusOf = (value: unknown) => corpus.lifecycles.find((l) => l.lifecycle === value);
  const addMethods = (entry: EntryName, prefix: string, object: Any, valid: (method: string, choose: Chooser) => unknown[] | null) => {
    for (const method of methodsOf(object))
      targets.push({ entry, name: `${prefix}.${method}`, call: (args) => object[method](...args), valid: (choose) => valid(method, choose) });
  };

  for (const entry of ENTRY_NAMES) {
    for (const name of Object.keys(entries[entry]).sort()) {
      const value = entries[entry][name] as Any;
      if (typeof value === 'function') {
        if (isClass(value)) skipped.push(`${entry} ${name} (a class: constructing errors and reports is not input handling)`);
        else targets.push({ entry, name, call: (args) => value(...args), valid: (choose) => functionArgs(name, corpus, choose) });
      } else if (isLifecycle(value) && corpusOf(value)) {
        const l = corpusOf(value)!;
        addMethods(entry, name, value, (method, choose) => lifecycleArgs(l, method, false, choose));
        addMethods(entry, `${name}.with()`, value.with({}), (method, choose) => lifecycleArgs(l, method, true, choose));
        addMethods(entry, `${name}.machineEngine()`, machineEngine(value), (method, choose) => lifecycleArgs(l, method, true, choose));
      } else if (entry === '/retest' && /Retests$/.test(name)) {
        // The retest functions of a lifecycle (plextracRetests, defectDojoRetests): public functions, fuzzed with pool values.
        addMethods(entry, name, value, () => null);
      } else if (value !== null && typeof value === 'object' && methodsOf(value).length > 0) {
        // Declarations, invariants and zod schemas hold callbacks that the engines and the kit call with inputs
        // they have already checked; they are reached through the functions that take them.
        skipped.push(`${entry} ${name} (its methods are callbacks: ${methodsOf(value).slice(0, 3).join(', ')})`);
      }
    }
  }
  addMethods('/store', 'createMemoryStore()', corpus.store, (method, choose) => serviceArgs('store', method, corpus, choose));
  addMethods('/store', 'createEngagements()', corpus.engagements, (method, choose) => serviceArgs('engagements', method, corpus, choose));
  if (corpus.postgres) addMethods('/postgres', 'createPostgresStore()', corpus.postgres.store, (method, choose) => serviceArgs('store', method, corpus, choose));
  return { targets, skipped };
}

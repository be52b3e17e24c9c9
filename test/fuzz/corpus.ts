/**
 * Valid values to start mutations from, built at run time from the package's own entries: engagement lives from
 * the testing kit's `scenarioArb` for every lifecycle the entries export, the lifecycles, their declarations,
 * settings, stores, keys, instants and dates. Every value handed out is a fresh copy, so that a call that changes
 * its input cannot spoil the next one.
 */
import * as fc from 'fast-check';
import type { Entries } from './targets.js';

/* The harness drives functions it knows only by name: their types are unknown here on purpose. */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** One lifecycle's valid material: creation events, later events, states (as JSON would bring them), settings. */
export interface LifecycleCorpus {
  readonly name: string;
  readonly lifecycle: Any;
  readonly creates: readonly unknown[];
  readonly events: readonly unknown[];
  readonly states: readonly unknown[];
  readonly settings: readonly unknown[];
}

export interface Corpus {
  readonly lifecycles: readonly LifecycleCorpus[];
  /** Makes a fresh valid value of some kind. */
  readonly pool: readonly (() => unknown)[];
  readonly store: Any;
  readonly engagements: Any;
  /** For `/postgres`: a migrated database (PGlite in-process) behind the adapter's `SqlDatabase`, and a store on it. */
  readonly postgres?: { readonly db: Any; readonly store: Any; readonly close: () => Promise<void> };
}

/**
 * A database for the `/postgres` entry: `real` is PGlite (PostgreSQL in WebAssembly, in this thread) with the
 * migrations applied; `stub` answers every query with no rows (enough to list targets and describe arguments).
 */
export type PostgresMode = 'real' | 'stub' | 'none';

async function postgresCorpus(entries: Entries, mode: PostgresMode): Promise<Corpus['postgres']> {
  if (mode === 'none') return undefined;
  const pg = entries['/postgres'] as Any;
  if (mode === 'stub') {
    const tx = { query: async () => ({ rows: [] }) };
    const db = { ...tx, transaction: async (work: (t: typeof tx) => Promise<unknown>) => work(tx) };
    return { db, store: pg.createPostgresStore(db), close: async () => undefined };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const db = pg.pgliteDatabase(pglite);
  await pg.migrate(db);
  return { db, store: pg.createPostgresStore(db), close: () => pglite.close() };
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** True for an object that behaves as a lifecycle (the shape every entry's lifecycles share). */
export function isLifecycle(value: unknown): boolean {
  const v = value as Any;
  return v !== null && typeof v === 'object' && typeof v.create === 'function' && typeof v.apply === 'function' && typeof v.parseState === 'function';
}

/** The JSON part of a lifecycle's corpus: what a worker receives instead of generating it again. */
export type CorpusData = readonly Omit<LifecycleCorpus, 'lifecycle'>[];

/** Every lifecycle the entries export, by `entry:name`. */
function lifecyclesOf(entries: Entries): [string, Any][] {
  const found: [string, Any][] = [];
  for (const [entry, exports] of Object.entries(entries))
    for (const [name, value] of Object.entries(exports)) if (isLifecycle(value)) found.push([`${entry}:${name}`, value]);
  return found;
}

function lifecycleCorpus(testing: Any, name: string, lifecycle: Any, seed: number): Omit<LifecycleCorpus, 'lifecycle'> {
  const creates: unknown[] = [];
  const events: unknown[] = [];
  const states: unknown[] = [];
  const settings: unknown[] = [];
  const scenarios = fc.sample(testing.scenarioArb(lifecycle, { maxEvents: 8 }) as fc.Arbitrary<Any>, { seed, numRuns: 10 });
  for (const scenario of scenarios) {
    const options = scenario.settings === undefined ? undefined : { settings: scenario.settings };
    if (scenario.settings !== undefined) settings.push(json(scenario.settings));
    creates.push(json(scenario.create));
    const created = lifecycle.create(scenario.create, options);
    if (!created.ok) continue;
    let state = created.state;
    states.push(json(state));
    for (const event of scenario.events) {
      events.push(json(event));
      const next = lifecycle.apply(state, event, options);
      if (!next.ok) continue;
      state = next.state;
      states.push(json(state));
    }
  }
  return { name, creates, events, states, settings };
}

/** Engagement lives of every exported lifecycle, from the testing kit's `scenarioArb` (`seed` fixes them). */
export function buildCorpusData(entries: Entries, seed: number): CorpusData {
  return lifecyclesOf(entries).map(([name, lifecycle], i) => lifecycleCorpus(entries['/testing'], name, lifecycle, seed + i));
}

/** Builds the corpus from the loaded entries and the lives of `buildCorpusData`: lifecycles, a seeded store, the pool. */
export async function buildCorpus(entries: Entries, data: CorpusData, postgres: PostgresMode = 'none'): Promise<Corpus> {
  const store = entries['/store'] as Any;
  const byName = new Map(lifecyclesOf(entries));
  const lifecycles: LifecycleCorpus[] = data.filter((d) => byName.has(d.name)).map((d) => ({ ...d, lifecycle: byName.get(d.name) }));

  const memory = store.createMemoryStore();
  const engagements = store.createEngagements(memory, { lifecycles: lifecycles.map((l) => l.lifecycle) });
  for (const l of lifecycles) for (const create of l.creates.slice(0, 3)) await engagements.create(l.lifecycle, create);

  const pool: (() => unknown)[] = [
    () => '2026-03-01T09:00:00.000Z',
    () => '2026-03-01',
    () => 'Europe/Paris',
    () => 'eng-1',
    () => 3,
    () => 0,
    () => true,
    () => null,
    () => undefined,
    () => ({}),
    () => [],
    () => new Date(Date.UTC(2026, 2, 1)),
    () => ({ lifecycle: 'plextrac', id: 'eng-1' }),
    () => ({ index: 0, count: 4 }),
    () => () => undefined,
    () => memory,
    () => ({ now: '2026-03-01T09:00:00.000Z', lifecycles: lifecycles.map((l) => l.lifecycle) }),
    ...lifecycles.flatMap((l) => [
      () => l.lifecycle,
      () => l.lifecycle.declaration,
      () => ({ lifecycles: [l.lifecycle] }),
      ...l.states.slice(0, 4).map((s) => () => json(s)),
      ...l.creates.slice(0, 2).map((e) => () => json(e)),
      ...l.events.slice(0, 4).map((e) => () => json(e)),
      ...l.settings.slice(0, 2).map((s) => () => ({ settings: json(s) })),
    ]),
  ];
  const pg = await postgresCorpus(entries, postgres);
  return { lifecycles, pool, store: memory, engagements, ...(pg ? { postgres: pg } : {}) };
}

/** Picks deterministically from the numbers a fast-check arbitrary drew. */
export type Chooser = <T>(items: readonly T[]) => T;

export function chooserOf(numbers: readonly number[]): Chooser {
  let i = 0;
  return <T>(items: readonly T[]): T => items[numbers[i++ % numbers.length]! % items.length]!;
}

/**
 * Model-based test of the in-memory store: random sequences of creations, changes (some computed from stale
 * versions), deletions, reschedules, deliveries and sweeps, run against the store and against a plain model (maps
 * and arrays, full scans). After every command, everything the store shows must equal the model.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { isLifecycleError, unwrap, type Effect, type Instant } from '../../src/index.js';
import {
  createMemoryStore,
  keyString,
  sweep,
  writeOf,
  type AuditRecord,
  type EngagementWrite,
  type MemoryStore,
  type StoredEngagement,
} from '../../src/store/index.js';
import { probeA, probeB } from '../../src/testing/store-contract.js';
import { at } from '../../src/testing/store-contract/probe.js';
import type { Probe, ProbeEventInput, ProbeState } from '../../src/testing/store-contract/probe.js';

interface Model {
  now: number;
  engagements: Map<string, { lifecycle: Probe; record: StoredEngagement; states: ProbeState[] }>;
  pending: Effect[];
  effectIds: Set<string>;
  audit: Map<string, AuditRecord[]>;
}

interface Real {
  store: MemoryStore;
}

const lifecycles = { 'probe-a': probeA, 'probe-b': probeB } as const;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function applyWrite(m: Model, lifecycle: Probe, w: EngagementWrite<ProbeState>) {
  const s = w.engagement.state;
  const key = keyString(s.lifecycle, s.id);
  const prev = m.engagements.get(key);
  m.engagements.set(key, { lifecycle, record: w.engagement, states: [...(prev?.states ?? []), s] });
  m.pending.push(...w.effects);
  for (const e of w.effects) m.effectIds.add(e.id);
  m.audit.set(key, [...(m.audit.get(key) ?? []), w.audit]);
}

async function expectRefusal(p: Promise<unknown>, code: string) {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(isLifecycleError(error) && error.code).toBe(code);
}

async function verify(m: Model, r: Real) {
  const json = (v: unknown) => JSON.parse(JSON.stringify(v));
  const sorted = [...m.engagements.entries()].sort(([a], [b]) => cmp(a, b)).map(([, e]) => e.record);
  expect(json((await r.store.list({ limit: 10_000 })).items)).toEqual(json(sorted));
  const due = sorted
    .filter((e) => e.dueAt !== null)
    .sort((a, b) => cmp(a.dueAt!, b.dueAt!) || cmp(keyString(a.state.lifecycle, a.state.id), keyString(b.state.lifecycle, b.state.id)));
  expect(json((await r.store.due({ now: '9999-01-01T00:00:00Z', limit: 10_000 })).items)).toEqual(json(due));
  expect((await r.store.outbox.pending({ limit: 10_000 })).map((p) => p.effect.id)).toEqual(m.pending.map((e) => e.id));
  for (const [key, history] of m.audit) {
    const [lifecycle, id] = key.split('\u0000') as [string, string];
    expect(json(await r.store.audit.history({ lifecycle, id }))).toEqual(json(history));
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

class Create implements Cmd {
  constructor(readonly lc: 'probe-a' | 'probe-b', readonly id: string, readonly due: number | null, readonly asset: string | null) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const lifecycle = lifecycles[this.lc];
    const created = lifecycle.create({ type: 'open', id: this.id, at: at(m.now), asset: this.asset, dueMs: this.due === null ? null : Date.parse(at(m.now + this.due)) });
    if (!created.ok) throw created.error;
    const w = writeOf(lifecycle, null, created);
    if (m.engagements.has(keyString(this.lc, this.id))) await expectRefusal(r.store.save(w), 'version_conflict');
    else if (w.effects.some((e) => m.effectIds.has(e.id))) await expectRefusal(r.store.save(w), 'invalid_input');
    else {
      await r.store.save(w);
      applyWrite(m, lifecycle, w);
    }
    await verify(m, r);
  }
  toString = () => `create ${this.lc}/${this.id} due +${this.due}`;
}

class Change implements Cmd {
  constructor(readonly lc: 'probe-a' | 'probe-b', readonly id: string, readonly event: 'edit' | 'move' | 'close' | 'tick', readonly step: number, readonly stale: boolean) {}
  check = (m: Readonly<Model>) => m.engagements.has(keyString(this.lc, this.id));
  async run(m: Model, r: Real) {
    m.now += this.step;
    const entry = m.engagements.get(keyString(this.lc, this.id))!;
    const from = this.stale && entry.states.length > 1 ? entry.states[entry.states.length - 2]! : entry.states[entry.states.length - 1]!;
    const stamp = at(m.now) as Instant;
    const event: ProbeEventInput =
      this.event === 'edit' ? { type: 'edit', at: stamp, note: `n${m.now}` }
      : this.event === 'move' ? { type: 'move', at: stamp, dueMs: Date.parse(at(m.now + 5)) }
      : { type: this.event, at: stamp };
    const result = entry.lifecycle.apply(from, event);
    if (!result.ok || !result.changed) return;
    const w = writeOf(entry.lifecycle, from, result);
    if (from !== entry.states[entry.states.length - 1]) await expectRefusal(r.store.save(w), 'version_conflict');
    else {
      await r.store.save(w);
      applyWrite(m, entry.lifecycle, w);
    }
    await verify(m, r);
  }
  toString = () => `${this.event} ${this.lc}/${this.id} +${this.step}${this.stale ? ' (stale)' : ''}`;
}

class Delete implements Cmd {
  constructor(readonly lc: 'probe-a' | 'probe-b', readonly id: string) {}
  check = (m: Readonly<Model>) => m.engagements.has(keyString(this.lc, this.id));
  async run(m: Model, r: Real) {
    const key = keyString(this.lc, this.id);
    const { record } = m.engagements.get(key)!;
    const v = record.state.version;
    const effect = { id: `${this.lc}:${this.id}:${v + 1}:deleted`, type: 'deleted', lifecycle: this.lc, engagementId: this.id, version: v + 1, at: at(m.now) } as Effect;
    await r.store.executeDelete({ type: 'delete', lifecycle: this.lc, engagementId: this.id, expectedVersion: v, at: at(m.now), deletes: [], unlinks: [], effects: [effect] });
    m.engagements.delete(key);
    m.pending.push(effect);
    m.effectIds.add(effect.id);
    const record2: AuditRecord = { lifecycle: this.lc, engagementId: this.id, version: v + 1, from: record.state.status, to: null, event: 'delete', actor: null, reason: null, at: at(m.now) };
    m.audit.set(key, [...(m.audit.get(key) ?? []), record2]);
    await verify(m, r);
  }
  toString = () => `delete ${this.lc}/${this.id}`;
}

class Deliver implements Cmd {
  constructor(readonly n: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const ids = m.pending.slice(0, this.n).map((e) => e.id);
    await r.store.outbox.markDelivered(ids);
    m.pending = m.pending.slice(this.n);
    await verify(m, r);
  }
  toString = () => `deliver ${this.n}`;
}

class Sweep implements Cmd {
  constructor(readonly step: number, readonly batchSize: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    m.now += this.step;
    const now = at(m.now);
    const summary = await sweep(r.store, { now, lifecycles: [probeA, probeB], batchSize: this.batchSize });
    const due = [...m.engagements.entries()]
      .filter(([, e]) => e.record.dueAt !== null && e.record.dueAt <= now)
      .sort(([ka, a], [kb, b]) => cmp(a.record.dueAt!, b.record.dueAt!) || cmp(ka, kb));
    let changed = 0;
    for (const [key, e] of due) {
      const result = e.lifecycle.apply(e.record.state as ProbeState, { type: 'tick', at: now, actor: 'sweep' });
      if (!result.ok) continue;
      if (result.changed) {
        applyWrite(m, e.lifecycle, writeOf(e.lifecycle, e.record.state, result));
        changed++;
      } else {
        const dueAt = unwrap(e.lifecycle.with({}).nextDue(result.state)).due;
        m.engagements.set(key, { ...e, record: { ...e.record, dueAt } });
      }
    }
    expect(summary.changed).toBe(changed);
    await verify(m, r);
  }
  toString = () => `sweep +${this.step} (batches of ${this.batchSize})`;
}

const lc = fc.constantFrom<'probe-a' | 'probe-b'>('probe-a', 'probe-b');
const id = fc.constantFrom('x', 'y', 'z', 'w');
const commands = [
  fc.tuple(lc, id, fc.option(fc.integer({ min: 0, max: 30 })), fc.constantFrom('acme', 'beta', null)).map(([l, i, d, a]) => new Create(l, i, d, a)),
  fc.tuple(lc, id, fc.constantFrom('edit', 'move', 'close', 'tick' as const), fc.integer({ min: 0, max: 10 }), fc.boolean()).map(([l, i, e, s, st]) => new Change(l, i, e, s, st)),
  fc.tuple(lc, id).map(([l, i]) => new Delete(l, i)),
  fc.integer({ min: 1, max: 5 }).map((n) => new Deliver(n)),
  fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 4 })).map(([s, b]) => new Sweep(s, b)),
];

describe('the in-memory store against a model', () => {
  test.prop([fc.commands(commands, { size: '+1' })], { numRuns: 120 })('every command leaves the store equal to the model', async (cmds) => {
    const model: Model = { now: 0, engagements: new Map(), pending: [], effectIds: new Set(), audit: new Map() };
    await fc.asyncModelRun(() => ({ model, real: { store: createMemoryStore() } }), cmds);
  });
});

import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFECTDOJO_STATUSES, defectdojo, isOverdue, type DefectDojoState } from '../../src/defectdojo/index.js';
import { dayStartMs, ERROR_CODES, instant, unwrap, type Effect } from '../../src/index.js';
import { timeZoneArb } from '../../src/testing/arbitraries.js';
import { defectdojoScenarioArb as defectDojoScenarioArb, defectdojoSettingsArb, type DefectDojoScenario } from '../../src/testing/index.js';
import { machineEngine, snapshotOf } from '../../src/machine/index.js';

const settingsArb = defectdojoSettingsArb();

const json = (v: unknown) => JSON.parse(JSON.stringify(v));

interface Step {
  readonly before: DefectDojoState;
  readonly event: DefectDojoScenario['events'][number];
  readonly result: ReturnType<typeof defectdojo.apply>;
}

function runFast(scenario: DefectDojoScenario): { created: DefectDojoState | null; steps: Step[]; effects: Effect[] } {
  const engine = defectdojo.with({ settings: scenario.settings });
  const c = engine.create(scenario.create);
  if (!c.ok) return { created: null, steps: [], effects: [] };
  const effects: Effect[] = [...c.effects];
  let state = c.state;
  const steps: Step[] = [];
  for (const event of scenario.events) {
    const result = engine.apply(state, event);
    steps.push({ before: state, event, result });
    if (result.ok) {
      effects.push(...result.effects);
      state = result.state;
    }
  }
  return { created: c.state, steps, effects };
}

describe('DefectDojo properties', () => {
  test.prop([defectDojoScenarioArb({ maxEvents: 15 })], { numRuns: 120 })('the fast engine and the xstate machine agree on every step', (scenario) => {
    const fast = defectdojo.with({ settings: scenario.settings });
    const machine = machineEngine(defectdojo, { settings: scenario.settings });
    const a = fast.create(scenario.create);
    const b = machine.create(scenario.create);
    expect(json(b)).toEqual(json(a));
    if (!a.ok || !b.ok) return;
    let sa = a.state;
    let sb = b.state;
    for (const event of scenario.events) {
      const ra = fast.apply(sa, event);
      const rb = machine.apply(sb, event);
      expect(json(rb)).toEqual(json(ra));
      if (ra.ok) sa = ra.state;
      if (rb.ok) {
        sb = rb.state;
        // The machine's schedule region is the overdue flag.
        expect(snapshotOf(defectdojo, sb, { settings: scenario.settings }).value).toEqual({
          status: sb.status,
          schedule: sb.data.clock.overdue ? 'overdue' : 'on_track',
        });
      }
    }
  }, 60_000);

  test.prop([defectDojoScenarioArb()])('active is never inconsistent with the status', (scenario) => {
    const { created, steps } = runFast(scenario);
    const check = (s: DefectDojoState) => expect(s.data.active).toBe(s.status !== 'Completed' && s.status !== 'Cancelled');
    if (created) check(created);
    for (const { result } of steps) if (result.ok) check(result.state);
  });

  test.prop([defectDojoScenarioArb(), fc.constantFrom(...DEFECTDOJO_STATUSES)])('close then reopen ends In Progress and active, from any status', (scenario, status) => {
    const { steps, created } = runFast(scenario);
    const last = steps.filter((s) => s.result.ok).at(-1);
    let state = last && last.result.ok ? last.result.state : created!;
    const t = Date.parse(state.updatedAt);
    const engine = defectdojo.with({ settings: { ...scenario.settings, writePolicy: 'open' } });
    const set = engine.apply(state, { type: 'set_status', at: instant(new Date(t)), status });
    if (set.ok) state = set.state;
    const closed = engine.apply(state, { type: 'close', at: instant(new Date(t + 1)) });
    if (!closed.ok) throw closed.error;
    expect(closed.state).toMatchObject({ status: 'Completed', data: { active: false } });
    const reopened = engine.apply(closed.state, { type: 'reopen', at: instant(new Date(t + 2)) });
    if (!reopened.ok) throw reopened.error;
    expect(reopened.state).toMatchObject({ status: 'In Progress', data: { active: true } });
  });

  test.prop([defectDojoScenarioArb()])('a clock only ever changes the status from In Progress to Completed, and not before target_end + N', (scenario) => {
    const { steps } = runFast(scenario);
    const settings = defectdojo.safeParseSettings(scenario.settings);
    if (!settings.ok) throw settings.error;
    for (const { before, event, result } of steps) {
      if (event.type !== 'clock' || !result.ok || result.state.status === before.status) continue;
      expect(before.status).toBe('In Progress');
      expect(result.state.status).toBe('Completed');
      expect(settings.settings.autoClose.enabled).toBe(true);
      const closesFrom = dayStartMs(before.data.targetEnd, settings.settings.timeZone, settings.settings.autoClose.days);
      expect(Date.parse(result.event.at)).toBeGreaterThanOrEqual(closesFrom);
      expect(result.effects.map((e) => e.type)).toContain('auto_close_engagement');
      expect(result.effects.map((e) => e.type)).not.toContain('engagement_closed');
    }
  });

  // Their format and stability on redelivery are stated independently in rules.test.ts (running the same pure
  // calculation twice and comparing proved nothing).
  test.prop([defectDojoScenarioArb()])('effect ids are unique within a run', (scenario) => {
    const first = runFast(scenario).effects.map((e) => e.id);
    expect(new Set(first).size).toBe(first.length);
  });

  test.prop([defectDojoScenarioArb()])('notifications only on a change of status, and by DefectDojo\'s rules', (scenario) => {
    const { steps } = runFast(scenario);
    for (const { before, event, result } of steps) {
      if (!result.ok) continue;
      const types = result.effects.map((e) => e.type);
      const after = result.state.status;
      const changed = after !== before.status;
      expect(types.includes('engagement_closed')).toBe(changed && event.type !== 'clock' && (after === 'Completed' || after === 'Cancelled'));
      expect(types.includes('engagement_reopened')).toBe(changed && after === 'In Progress' && before.status !== 'Not Started');
      for (const e of result.effects) if ('recipients' in e) expect(e.recipients).toEqual(result.state.data.lead ? [result.state.data.lead] : []);
    }
  });

  test.prop([defectDojoScenarioArb()])('after a clock at now, the next due instant is later than now (no engagement stays due)', (scenario) => {
    const { steps } = runFast(scenario);
    const engine = defectdojo.with({ settings: scenario.settings });
    for (const { event, result } of steps) {
      if (event.type !== 'clock' || !result.ok) continue;
      const due = unwrap(engine.nextDue(result.state)).due;
      if (due !== null) expect(due > result.event.at).toBe(true);
    }
  });

  test.prop([defectDojoScenarioArb({ maxEvents: 12 })])('a clock before nextDue changes nothing; a clock at nextDue changes something', (scenario) => {
    const { steps } = runFast(scenario);
    const engine = defectdojo.with({ settings: scenario.settings });
    for (const { result } of steps) {
      if (!result.ok) continue;
      const due = unwrap(engine.nextDue(result.state)).due;
      if (due === null) continue;
      const at = due > result.state.updatedAt ? due : result.state.updatedAt;
      if (due > result.state.updatedAt) {
        const before = engine.apply(result.state, { type: 'clock', at: instant(new Date(Date.parse(due) - 1)) });
        if (before.ok && Date.parse(due) - 1 >= Date.parse(result.state.updatedAt)) expect(before.changed).toBe(false);
      }
      const r = engine.apply(result.state, { type: 'clock', at });
      if (!r.ok) throw r.error;
      expect(r.changed).toBe(true);
    }
  });

  test.prop([defectDojoScenarioArb({ maxEvents: 0 }), timeZoneArb(), fc.integer({ min: -40, max: 60 }).map((d) => d * 86_400_000 + 43_200_000)])(
    'a time-zone change never moves a rule by more than one day',
    (scenario, zone, offset) => {
      const utc = { ...scenario.settings, timeZone: 'UTC' };
      const zoned = { ...scenario.settings, timeZone: zone };
      const created = defectdojo.create(scenario.create, { settings: utc });
      if (!created.ok) return;
      const state = created.state;
      const day = 86_400_000;
      const a = defectdojo.nextDue(state, { settings: utc });
      const b = defectdojo.nextDue(state, { settings: zoned });
      if (!a.ok || !b.ok) throw new Error('nextDue failed');
      expect(a.due === null).toBe(b.due === null);
      if (a.due && b.due) expect(Math.abs(Date.parse(a.due) - Date.parse(b.due))).toBeLessThanOrEqual(day);
      const now = Date.parse(state.createdAt) + offset;
      const at = (ms: number) => instant(new Date(ms));
      if (isOverdue(state, at(now), zoned)) expect(isOverdue(state, at(now + day), utc)).toBe(true);
      if (isOverdue(state, at(now), utc)) expect(isOverdue(state, at(now + day), zoned)).toBe(true);
    },
  );

  test.prop([fc.anything(), settingsArb])('junk events give a typed error, never a throw', (junk, settings) => {
    const c = defectdojo.create({ type: 'create', id: '1', at: '2024-03-01T00:00:00Z', productId: 1, targetStart: '2024-03-01', targetEnd: '2024-03-02' }, { settings });
    if (!c.ok) throw c.error;
    const r = defectdojo.apply(c.state, junk as never, { settings });
    if (!r.ok) expect(ERROR_CODES).toContain(r.error.code);
    const k = defectdojo.create(junk as never, { settings });
    if (!k.ok) expect(ERROR_CODES).toContain(k.error.code);
  });
});

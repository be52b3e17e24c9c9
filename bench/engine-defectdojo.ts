/**
 * Question: is DefectDojo's fast engine at least as fast as a hand-written reducer doing the same work? Both
 * validate each event against the lifecycle's own schemas (`defectDojoEventSchemas`, so that the fields checked
 * are the same; see below for how) and apply the lifecycle's domain rules through the same helpers (edits,
 * time rules, overdue, retention, notifications); the reducer replaces only the engine's machinery (the compiled
 * transition table, guards and contexts, `step`, deep freezing, effect stamping) with a plain switch, and runs
 * the clock's rule table once, where the declaration runs it again for the effects when a rule ran. Their final
 * states and effect counts are compared once, outside the timing. Goal: fast engine / reducer ≥ 1.00× (CPU median).
 *
 * The fields validated are the same, not the code that validates them: the engine reads an event whose schema has
 * no fields of its own (the clock, close, reopen) without zod when it is exactly `{ type, at }` in canonical form
 * (`src/core/bare-events.ts`, which `test/core/bare-events.test.ts` checks against zod on generated inputs), and
 * most of this stream is clocks. The reducer parses every event with zod, as a reducer on the public schemas would.
 */
import { transition, type AnyStateMachine } from 'xstate';
import { effectId, instant, type CalendarDate, type Effect, type EffectDraft } from 'engagement-lifecycle';
import {
  AUTO_CLOSE,
  NEW_ENGAGEMENT_DEFAULTS,
  NO_JIRA,
  applyEdits,
  closeEpic,
  dateOrderIssues,
  defectDojoEventSchemas,
  defectDojoSettingsSchema,
  engagementAdded,
  engagementClosed,
  engagementReopened,
  isClosedStatus,
  runTimeRules,
  withOverdue,
  writeRefusal,
  type DefectDojoData,
  type DefectDojoEvent,
  type DefectDojoEventInput,
  type DefectDojoSettingsInput,
  type DefectDojoState,
  type DefectDojoStatus,
} from '../src/defectdojo/lifecycle/index.js';
// The engine measured comes from the built package; the reducer's helpers (not all public) from the sources.
import { defectdojo } from 'engagement-lifecycle/defectdojo';
// Retention's helpers are the lifecycle folder's own (not re-exported by its index).
import { noteFinishOf, retentionAt, retentionEffectsOf } from '../src/defectdojo/lifecycle/retention.js';
import { machineOf } from 'engagement-lifecycle/machine';
import { format, formatSpread, interleaved, loadLine, pairedRatio, verdict, type Measurement } from './harness.js';

const ENGAGEMENTS = 500;
const DAY = 86_400_000;
const settingsInput: DefectDojoSettingsInput = { timeZone: 'Europe/Berlin', autoClose: { enabled: true, days: 3 } };
const options = { settings: settingsInput };

/**
 * One engagement's life, shifted in time: created In Progress with a week's target, a test added, edits (notes,
 * tags, a later end date), a clock every 6 hours for three weeks (upcoming, stale, expired, overdue and, after
 * the reopen, auto-close come due on the way), a close and a reopen; an invalid edit's dates are never sent.
 */
function lifeOf(i: number): DefectDojoEventInput[] {
  const t0 = Date.UTC(2030, 0, 1) + i * 3_600_000;
  const at = (h: number) => instant(new Date(t0 + h * 3_600_000));
  const date = (d: number) => new Date(t0 + d * DAY).toISOString().slice(0, 10) as CalendarDate;
  const events: DefectDojoEventInput[] = [
    { type: 'create', id: `dd-${i}`, at: at(0), productId: 100 + (i % 50), name: `Web app ${i}`, targetStart: date(2), targetEnd: date(7), lead: 7, tags: ['web', 'Q1'] },
  ];
  for (let h = 6; h <= 21 * 24; h += 6) {
    events.push({ type: 'clock', at: at(h) });
    if (h === 48) events.push({ type: 'set_status', at: at(h + 1), status: 'In Progress' });
    if (h === 60) events.push({ type: 'add_test', at: at(h + 1), testId: 9000 + i });
    if (h === 72) events.push({ type: 'edit', at: at(h + 1), description: 'Scope: the public API and the admin console.', tags: ['web', 'q1', 'api'] });
    if (h === 120) events.push({ type: 'edit', at: at(h + 1), targetEnd: date(9), version: '2.4.1' });
    if (h === 264) events.push({ type: 'close', at: at(h + 1) });
    if (h === 288) events.push({ type: 'reopen', at: at(h + 1) });
  }
  return events;
}

const lives = Array.from({ length: ENGAGEMENTS }, (_, i) => lifeOf(i));
const eventCount = lives.reduce((n, l) => n + l.length, 0);

/* ---------- the hand-written reducer ---------- */

const S = defectDojoSettingsSchema.parse(settingsInput);
const schemas = defectDojoEventSchemas as unknown as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
type Out = { state: DefectDojoState; effects: Effect[] } | Error;

/** `active` follows the status; overdue refreshed; a first finish noted (the lifecycle's rule after every event). */
function settle(data: DefectDojoData, status: DefectDojoStatus, now: number): DefectDojoData {
  const active = !isClosedStatus(status);
  const consistent = data.active === active ? data : { ...data, active };
  return noteFinishOf(withOverdue(consistent, status, now, S), status, { now, settings: S });
}

function notifications(id: string, from: DefectDojoStatus, to: DefectDojoStatus, data: DefectDojoData): EffectDraft[] {
  if (from === to) return [];
  if (isClosedStatus(to)) return [engagementClosed(id, data)];
  if (to === 'In Progress' && from !== 'Not Started') return [engagementReopened(id, data)];
  return [];
}

function sameData(a: DefectDojoData, b: DefectDojoData): boolean {
  if (a === b) return true;
  for (const k in a) if (!Object.is(a[k as keyof DefectDojoData], b[k as keyof DefectDojoData])) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

function stamp(id: string, version: number, at: string, drafts: readonly EffectDraft[]): Effect[] {
  const seen: Record<string, number> = {};
  return drafts.map((d) => {
    const n = seen[d.type] ?? 0;
    seen[d.type] = n + 1;
    const { type, ...payload } = d;
    return Object.freeze({ id: effectId('defectdojo', id, version, type, n), type, lifecycle: 'defectdojo', engagementId: id, version, at, ...payload }) as Effect;
  });
}

function reducer(state: DefectDojoState | null, input: DefectDojoEventInput): Out {
  const schema = schemas[(input as { type: string }).type];
  if (!schema) return new Error('unknown event');
  const parsed = schema.safeParse(input);
  if (!parsed.success) return new Error('invalid event');
  const event = parsed.data as DefectDojoEvent;
  const now = Date.parse(event.at);
  if (state === null) {
    if (event.type !== 'create') return new Error('not a creation');
    const { type: _t, at: _a, id, actor: _ac, reason: _r, status: given, productId, jira, ...fields } = event;
    const status = given ?? 'Not Started';
    const base: DefectDojoData = { ...NEW_ENGAGEMENT_DEFAULTS, productId, targetStart: event.targetStart, targetEnd: event.targetEnd, jira: jira ?? NO_JIRA };
    const data = settle(applyEdits(base, fields), status, now);
    const next: DefectDojoState = { lifecycle: 'defectdojo', lifecycleVersion: 1, id: id!, status, version: 1, createdAt: event.at, updatedAt: event.at, data };
    const drafts = [{ type: 'status_changed', from: null, to: status, cause: 'create' } as EffectDraft, engagementAdded(id!, data)];
    return { state: Object.freeze(next), effects: stamp(id!, 1, event.at, drafts) };
  }
  if (event.at < state.updatedAt) return new Error('out of order');
  const { id, status: from } = state;
  let status = from;
  let data = state.data;
  let drafts: EffectDraft[] = [];
  switch (event.type) {
    case 'clock': {
      const outcome = runTimeRules(id, from, data, now, S); // auto-close, when due, sets the status
      status = outcome.status;
      data = retentionAt(settle(outcome.clock === data.clock ? data : { ...data, clock: outcome.clock }, status, now), status, { now, settings: S });
      drafts = [...outcome.effects, ...retentionEffectsOf({ state, event, now, settings: S }, { data })];
      break;
    }
    case 'set_status':
      status = event.status;
      data = settle(data, status, now);
      drafts = notifications(id, from, status, data);
      break;
    case 'close':
    case 'reopen':
      status = event.type === 'close' ? 'Completed' : 'In Progress';
      data = settle(data, status, now);
      if (from !== status) drafts = [...notifications(id, from, status, data), ...(event.type === 'close' ? closeEpic(data) : [])];
      break;
    case 'add_test': {
      const refused = writeRefusal(id, from, 'add_test', S);
      if (refused) return refused;
      if (from !== 'In Progress' && data.active) status = 'In Progress';
      data = settle(data, status, now);
      drafts = notifications(id, from, status, data);
      break;
    }
    case 'edit': {
      if (dateOrderIssues(event.targetStart ?? data.targetStart, event.targetEnd ?? data.targetEnd).length > 0) return new Error('dates out of order');
      const { type: _t, at: _a, actor: _ac, reason: _r, ...fields } = event;
      data = settle(applyEdits(data, fields), status, now);
      break;
    }
    default:
      return new Error(`not in this stream: ${event.type}`);
  }
  if (status !== from) drafts = [{ type: 'status_changed', from, to: status, cause: event.type } as EffectDraft, ...drafts];
  if (status === from && drafts.length === 0 && sameData(data, state.data)) return { state, effects: [] };
  const version = state.version + 1;
  const next: DefectDojoState = { ...state, status, version, updatedAt: event.at, data };
  return { state: Object.freeze(next), effects: stamp(id, version, event.at, drafts) };
}

/* ---------- the runs ---------- */

const fast = defectdojo.with(options);

function runReducer(life: readonly DefectDojoEventInput[]): { state: DefectDojoState; effects: number } {
  let s: DefectDojoState | null = null;
  let effects = 0;
  for (const e of life) {
    const r = reducer(s, e);
    if (r instanceof Error) throw r;
    s = r.state;
    effects += r.effects.length;
  }
  return { state: s!, effects };
}

function runFast(life: readonly DefectDojoEventInput[]): { state: DefectDojoState; effects: number } {
  const c = fast.create(life[0]!);
  if (!c.ok) throw c.error;
  let s = c.state;
  let effects = c.effects.length;
  for (let i = 1; i < life.length; i++) {
    const r = fast.apply(s, life[i]!);
    if (!r.ok) throw r.error;
    s = r.state;
    effects += r.effects.length;
  }
  return { state: s, effects };
}

/** Once, outside the timing: both give the same final state and as many effects, for every engagement. */
function assertSameOutcome(): void {
  for (const life of lives) {
    const a = runReducer(life);
    const b = runFast(life);
    if (JSON.stringify(a.state) !== JSON.stringify(b.state) || a.effects !== b.effects) {
      throw new Error(`reducer and fast engine disagree on ${a.state.id}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    }
  }
}

const parsedLives = lives.map((life) =>
  life.map((e) => {
    const r = defectdojo.safeParseEvent(e);
    if (!r.ok) throw r.error;
    return r.event;
  }),
);

/** The effect types one engagement's life emits, in order: what the stream exercises, printed with the figures. */
function effectTypesOfOneLife(): string[] {
  const types: string[] = [];
  let s: DefectDojoState | null = null;
  for (const e of lives[0]!) {
    const r = reducer(s, e);
    if (r instanceof Error) throw r;
    s = r.state;
    for (const effect of r.effects) types.push(effect.type);
  }
  return types;
}

export function runDefectDojoEngineBench(): Measurement[] {
  assertSameOutcome();
  const machine: AnyStateMachine = machineOf(defectdojo, options);
  let sink = 0;
  const results = interleaved(
    [
      { name: 'hand-written reducer (DefectDojo)', ops: eventCount, fn: () => { for (const life of lives) sink += runReducer(life).effects; } },
      { name: 'fast engine (defectdojo.with(options).apply)', ops: eventCount, fn: () => { for (const life of lives) sink += runFast(life).effects; } },
      // Events parsed beforehand: xstate's transition() alone, on a tenth of the engagements.
      {
        name: 'raw xstate transition() on the derived machine',
        ops: eventCount / 10,
        fn: () => {
          for (let k = 0; k < parsedLives.length; k += 10) {
            let snap = machine.resolveState({ value: { status: '(new)', schedule: 'on_track' }, context: { engagement: null } });
            for (const e of parsedLives[k]!) {
              const [next, actions] = transition(machine, snap, e as never);
              snap = next;
              sink += actions.length;
            }
          }
        },
      },
    ],
    { rounds: 9, warmup: 2 },
  );
  if (sink < 0) console.log(sink);
  return results;
}

export function reportDefectDojoEngine(results: Measurement[]): string[] {
  const [reducerM, fastM, xstateM] = results;
  const vsReducer = pairedRatio(fastM!, reducerM!);
  const vsXstate = pairedRatio(fastM!, xstateM!);
  return [
    `DefectDojo: ${ENGAGEMENTS} engagements × ${lives[0]!.length} events = ${eventCount} events per round (xstate: a tenth); 9 interleaved rounds after 2 warm-ups; ${loadLine()}`,
    `one life emits: ${effectTypesOfOneLife().join(', ')}`,
    ...results.map(format),
    `fast engine / reducer, paired: wall ${formatSpread(vsReducer.wall)}, CPU ${formatSpread(vsReducer.cpu)}`,
    `fast engine / xstate transition(), paired: wall ${formatSpread(vsXstate.wall, 1)}, CPU ${formatSpread(vsXstate.cpu, 1)}`,
    verdict('DefectDojo fast engine / hand-written reducer (CPU, median)', `${vsReducer.cpu.median.toFixed(2)}×`, '≥ 1.00×', vsReducer.cpu.median >= 1),
    verdict('DefectDojo fast engine / xstate transition() (CPU, median)', `${vsXstate.cpu.median.toFixed(1)}×`, '≥ 15×', vsXstate.cpu.median >= 15),
  ];
}

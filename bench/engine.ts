/**
 * Question: how fast is the fast engine, next to a hand-written reducer doing the same work (validate the event
 * with the same zod schema, derive the status, build the next immutable state and the effects with their ids) and
 * to raw xstate `transition()` on the same machine? Goals: the fast engine at least as fast as the reducer, and at
 * least 15× xstate's `transition()`. All contenders run interleaved; ratios are paired per round.
 *
 * The fields validated are the same, not the code that validates them: the engine reads a clock that is exactly
 * `{ type, at }` in canonical form without zod (`src/core/bare-events.ts`, checked against zod by
 * `test/core/bare-events.test.ts`); the reducer parses every event with zod.
 */
import { transition, type AnyStateMachine } from 'xstate';
import { deriveStatus, plextrac, plextracEventSchemas, type PlextracEventInput, type PlextracState } from 'engagement-lifecycle/plextrac';
import type { Effect, EffectDraft } from 'engagement-lifecycle';
import { effectId, instant } from 'engagement-lifecycle';
import { format, formatSpread, interleaved, loadLine, pairedRatio, verdict, type Measurement } from './harness.js';
import { machineEngine, machineOf } from 'engagement-lifecycle/machine';

const ENGAGEMENTS = 500;
const TIME_ZONE = 'America/New_York';
const options = { settings: { timeZone: TIME_ZONE } };

/** The same deterministic life for every engagement, shifted in time: request, approve, hourly clocks, reviews. */
function lifeOf(i: number): PlextracEventInput[] {
  const t0 = Date.UTC(2024, 0, 1) + i * 3_600_000;
  const iso = (h: number) => instant(new Date(t0 + h * 3_600_000));
  const startDate = new Date(t0 + 5 * 86_400_000).toISOString().slice(0, 10) as `${number}-${number}-${number}`;
  const events: PlextracEventInput[] = [
    { type: 'request', id: `eng-${i}`, at: iso(0), clientId: 'acme', name: `Pentest ${i}`, startDate },
    { type: 'approve', at: iso(2), operators: ['alice', 'bob'] },
  ];
  for (let h = 3; h < 3 + 24 * 7; h += 6) events.push({ type: 'clock', at: iso(h) });
  events.push({ type: 'report_status_changed', at: iso(200), reportStatus: 'Ready For Review' });
  events.push({ type: 'report_status_changed', at: iso(201), reportStatus: 'Approved' });
  events.push({ type: 'report_status_changed', at: iso(202), reportStatus: 'Published' });
  return events;
}

const lives = Array.from({ length: ENGAGEMENTS }, (_, i) => lifeOf(i));
const eventCount = lives.reduce((n, l) => n + l.length, 0);

/* ---------- the hand-written reducer ---------- */

type Event = PlextracEventInput;
const schemas = plextracEventSchemas as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;

function reducer(state: PlextracState | null, input: Event): { state: PlextracState; effects: Effect[] } | Error {
  const schema = schemas[(input as { type: string }).type];
  if (!schema) return new Error('unknown event');
  const parsed = schema.safeParse(input);
  if (!parsed.success) return new Error('invalid');
  const event = parsed.data as Event & { at: `${number}-${number}-${number}T${string}` };
  const now = Date.parse(event.at);
  if (state === null) {
    if (event.type !== 'request') return new Error('not a creation');
    const data = {
      clientId: event.clientId,
      name: event.name,
      startDate: event.startDate,
      approved: false,
      cancelled: false,
      reportStatus: null,
      operators: [],
      requestedBy: event.requestedBy ?? null,
    } as PlextracState['data'];
    const next: PlextracState = {
      lifecycle: 'plextrac', lifecycleVersion: 1, id: event.id!, status: 'Pending', version: 1,
      createdAt: event.at, updatedAt: event.at, data,
    };
    return { state: Object.freeze(next), effects: [stamp(next, { type: 'status_changed', from: null, to: 'Pending', cause: 'request' } as EffectDraft)] };
  }
  if (state.status === 'Canceled') return new Error('terminal');
  if (event.at < state.updatedAt) return new Error('out of order');
  let data = state.data;
  const extra: EffectDraft[] = [];
  switch (event.type) {
    case 'approve':
      if (state.status !== 'Pending') return new Error('not allowed');
      data = { ...data, approved: true, reportStatus: 'Draft', operators: event.operators ?? [] };
      extra.push({ type: 'create_report', clientId: data.clientId, name: data.name, reportStatus: 'Draft' } as EffectDraft);
      if (data.operators.length) extra.push({ type: 'assign_operators', operators: data.operators } as EffectDraft);
      break;
    case 'report_status_changed':
      if (state.status === 'Pending') return new Error('not allowed');
      if (data.reportStatus !== event.reportStatus) data = { ...data, reportStatus: event.reportStatus as never };
      break;
    case 'clock':
      break;
    case 'reschedule':
      if (data.startDate !== event.startDate) data = { ...data, startDate: event.startDate };
      break;
    case 'cancel':
      data = { ...data, cancelled: true };
      break;
    default:
      return new Error('not allowed');
  }
  const status = deriveStatus(data, now, TIME_ZONE);
  if (status === state.status && data === state.data && extra.length === 0) return { state, effects: [] };
  const next: PlextracState = { ...state, status, version: state.version + 1, updatedAt: event.at, data };
  const drafts = status !== state.status ? [{ type: 'status_changed', from: state.status, to: status, cause: event.type } as EffectDraft, ...extra] : extra;
  return { state: Object.freeze(next), effects: drafts.map((d) => stamp(next, d)) };
}

function stamp(state: PlextracState, draft: EffectDraft): Effect {
  return { id: effectId('plextrac', state.id, state.version, draft.type), ...draft, lifecycle: 'plextrac', engagementId: state.id, version: state.version, at: state.updatedAt } as Effect;
}

/* ---------- the runs ---------- */

const parsedLives = lives.map((life) =>
  life.map((e) => {
    const r = plextrac.safeParseEvent(e);
    if (!r.ok) throw r.error;
    return r.event;
  }),
);

export function runEngineBench(): Measurement[] {
  const fast = plextrac.with(options);
  const machine: AnyStateMachine = machineOf(plextrac, options);
  const viaMachine = machineEngine(plextrac, options);
  let sink = 0;
  const results = interleaved([
    {
      name: 'hand-written reducer',
      ops: eventCount,
      fn: () => {
        for (const life of lives) {
          let s: PlextracState | null = null;
          for (const e of life) {
            const r = reducer(s, e);
            if (r instanceof Error) throw r;
            s = r.state;
            sink += r.effects.length;
          }
        }
      },
    },
    {
      name: 'fast engine (plextrac.with(options).apply)',
      ops: eventCount,
      fn: () => {
        for (const life of lives) {
          const c = fast.create(life[0]!);
          if (!c.ok) throw c.error;
          let s = c.state;
          for (let i = 1; i < life.length; i++) {
            const r = fast.apply(s, life[i]!);
            if (!r.ok) throw r.error;
            s = r.state;
            sink += r.effects.length;
          }
        }
      },
    },
    // Events parsed beforehand: this measures xstate's transition() alone, not our validation. A tenth of the
    // engagements, so that a round takes about as long as the others'.
    {
      name: 'raw xstate transition() on the derived machine',
      ops: eventCount / 10,
      fn: () => {
        for (let k = 0; k < parsedLives.length; k += 10) {
          let snap = machine.resolveState({ value: '(new)', context: { engagement: null } });
          for (const e of parsedLives[k]!) {
            const [next, actions] = transition(machine, snap, e as never);
            snap = next;
            sink += actions.length;
          }
        }
      },
    },
    {
      name: 'machine engine (machineEngine(plextrac).apply)',
      ops: eventCount / 10,
      fn: () => {
        for (let k = 0; k < lives.length; k += 10) {
          const life = lives[k]!;
          const c = viaMachine.create(life[0]!);
          if (!c.ok) throw c.error;
          let s = c.state;
          for (let i = 1; i < life.length; i++) {
            const r = viaMachine.apply(s, life[i]!);
            if (!r.ok) throw r.error;
            s = r.state;
            sink += r.effects.length;
          }
        }
      },
    },
  ], { rounds: 9, warmup: 2 });
  if (sink < 0) console.log(sink);
  return results;
}

export function reportEngine(results: Measurement[]): string[] {
  const [reducerM, fastM, xstateM, machineM] = results;
  const vsReducer = pairedRatio(fastM!, reducerM!);
  const vsXstate = pairedRatio(fastM!, xstateM!);
  const machineVsXstate = pairedRatio(machineM!, xstateM!);
  return [
    `PlexTrac: ${ENGAGEMENTS} engagements × ${lives[0]!.length} events = ${eventCount} events per round (xstate and machine engine: a tenth); 9 interleaved rounds after 2 warm-ups; ${loadLine()}`,
    ...results.map(format),
    `fast engine / reducer, paired: wall ${formatSpread(vsReducer.wall)}, CPU ${formatSpread(vsReducer.cpu)}`,
    `fast engine / xstate transition(), paired: wall ${formatSpread(vsXstate.wall, 1)}, CPU ${formatSpread(vsXstate.cpu, 1)}`,
    `machine engine / xstate transition(), paired: wall ${formatSpread(machineVsXstate.wall)}, CPU ${formatSpread(machineVsXstate.cpu)}`,
    verdict('PlexTrac fast engine / hand-written reducer (CPU, median)', `${vsReducer.cpu.median.toFixed(2)}×`, '≥ 1.00×', vsReducer.cpu.median >= 1),
    verdict('PlexTrac fast engine / xstate transition() (CPU, median)', `${vsXstate.cpu.median.toFixed(1)}×`, '≥ 15×', vsXstate.cpu.median >= 15),
  ];
}

/**
 * The probe lifecycles the store contract writes with: small, with every feature a store must index (an asset, an
 * active flag, a due instant that settings move, a terminal status) and effects on most changes. Two of them with
 * the same engagement ids check that keys are per lifecycle.
 */
import * as z from 'zod';
import { builtInDeclaration, builtInLifecycle, creationEventSchema, eventSchema, instant, lazyObject, unwrap, type EngagementState, type Instant } from '../../core/index.js';
import { writeOf, type EngagementWrite } from '../../store/index.js';

export type ProbeStatus = 'Open' | 'Late' | 'Closed';

export interface ProbeData {
  readonly asset: string | null;
  /** When the engagement becomes Late (epoch ms), or never. */
  readonly dueMs: number | null;
  readonly note: string;
}

export interface ProbeSettings {
  /** Late only this long after `dueMs`: a setting that moves due instants. */
  readonly graceMs: number;
}

const events = /* @__PURE__ */ lazyObject(() => ({
  open: creationEventSchema('open', {
    asset: z.string().nullable().default(null),
    dueMs: z.number().int().nullable().default(null),
    note: z.string().default(''),
  }),
  edit: eventSchema('edit', { note: z.string() }),
  move: eventSchema('move', { dueMs: z.number().int().nullable() }),
  close: eventSchema('close', {}),
  tick: eventSchema('tick', {}),
}));
type ProbeEvent = { [K in keyof typeof events]: z.output<(typeof events)[K]> }[keyof typeof events];
export type ProbeEventInput = { [K in keyof typeof events]: z.input<(typeof events)[K]> }[keyof typeof events];
type ProbeDraft = { readonly type: 'opened' } | { readonly type: 'edited'; readonly note: string } | { readonly type: 'late_notice' } | { readonly type: 'closed' };

const lateAt = (data: ProbeData, settings: ProbeSettings): number | null => (data.dueMs === null ? null : data.dueMs + settings.graceMs);

function probeDeclaration(id: string) {
  // Checked and compiled on first use, as the built-in lifecycles are: importing the suite builds no schema.
  return builtInDeclaration<ProbeStatus, ProbeData, ProbeEvent, ProbeSettings, ProbeDraft>({
    id,
    version: 1,
    statuses: ['Open', 'Late', 'Closed'],
    terminal: ['Closed'],
    data: lazyObject(() => z.object({ asset: z.string().nullable(), dueMs: z.number().int().nullable(), note: z.string() })) as never,
    events: events as never,
    settings: lazyObject(() => z.object({ graceMs: z.number().int().min(0).default(0) })) as never,
    clockEvent: 'tick',
    create: [
      {
        on: 'open',
        to: 'Open',
        init: ({ event }) => ({ asset: event.asset, dueMs: event.dueMs, note: event.note }),
        effects: () => [{ type: 'opened' }],
      },
    ],
    transitions: [
      {
        from: '*',
        on: 'edit',
        update: ({ state, event }) => ({ ...state.data, note: event.note }),
        effects: ({ event }) => [{ type: 'edited', note: event.note }],
      },
      { from: '*', on: 'move', update: ({ state, event }) => ({ ...state.data, dueMs: event.dueMs }) },
      { from: '*', on: 'close', to: 'Closed', effects: () => [{ type: 'closed' }] },
      {
        from: '*',
        on: 'tick',
        to: {
          oneOf: ['Open', 'Late'],
          select: ({ state, now, settings }) => {
            const late = lateAt(state.data, settings);
            return state.status === 'Late' || (late !== null && now >= late) ? 'Late' : 'Open';
          },
        },
        effects: ({ state }, next) => (next.status === 'Late' && state.status !== 'Late' ? [{ type: 'late_notice' }] : []),
      },
    ],
    facets: (state) => ({ asset: state.data.asset, active: state.status !== 'Closed' }),
    nextDue: (state, settings) => (state.status === 'Open' ? lateAt(state.data, settings) : null),
  });
}

export const probeA = /* @__PURE__ */ builtInLifecycle<ProbeStatus, ProbeData, ProbeEvent, ProbeSettings, ProbeDraft, ProbeEventInput>(probeDeclaration('probe-a'));
export const probeB = /* @__PURE__ */ builtInLifecycle<ProbeStatus, ProbeData, ProbeEvent, ProbeSettings, ProbeDraft, ProbeEventInput>(probeDeclaration('probe-b'));
export type Probe = typeof probeA;
export type ProbeState = EngagementState<ProbeStatus, ProbeData>;

const T0 = Date.UTC(2030, 0, 1);
/** An instant `minutes` after the contract's epoch (2030-01-01T00:00Z). */
export const at = (minutes: number): Instant => instant(new Date(T0 + minutes * 60_000));
/** The same, in epoch ms (for `dueMs`). */
export const ms = (minutes: number): number => T0 + minutes * 60_000;

export interface OpenOptions {
  readonly asset?: string | null;
  /** Minutes after the epoch at which it falls due, or null. */
  readonly due?: number | null;
  /** The same in epoch ms (wins over `due`): for millisecond boundaries. */
  readonly dueMs?: number;
  readonly note?: string;
  readonly at?: number;
  /** The settings its due instant is computed with. */
  readonly settings?: ProbeSettings;
}

/** The creation write of a probe engagement. */
export function openWrite(lifecycle: Probe, id: string, options: OpenOptions = {}): EngagementWrite<ProbeState> {
  const r = unwrap(
    lifecycle.create({
      type: 'open',
      id,
      at: at(options.at ?? 0),
      asset: options.asset ?? null,
      dueMs: options.dueMs ?? (options.due === undefined || options.due === null ? null : ms(options.due)),
      note: options.note ?? '',
    }),
  );
  return writeOf(lifecycle, null, r, options.settings ? { settings: options.settings } : {});
}

/** The write of `event` applied to `state` (which must change it). */
export function changeWrite(lifecycle: Probe, state: ProbeState, event: ProbeEventInput, settings?: ProbeSettings): EngagementWrite<ProbeState> {
  const r = unwrap(lifecycle.apply(state, event, settings ? { settings } : {}));
  return writeOf(lifecycle, state, r, settings ? { settings } : {});
}

/** A JSON copy: what a write looks like when it did not come from `writeOf` (a queue, another process). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

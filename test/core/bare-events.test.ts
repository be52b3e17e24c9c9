/**
 * The engines read an event whose schema has no fields of its own (`eventSchema('tick', {})`) without zod when it
 * is exactly `{ type, at }` with a canonical `at` (`src/core/bare-events.ts`). zod is the independent statement of
 * what must be accepted and what comes out: on any input, the engines must answer as zod does, and their refusals
 * must stay zod's.
 */
import { describe, expect, it, vi } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import * as z from 'zod';
import { defineLifecycle, eventSchema, isLifecycleError, type LifecycleError } from '../../src/index.js';
import { ticket, ticketDeclaration } from './fixtures.js';

const tickSchema = (ticketDeclaration.events as unknown as Record<string, z.ZodType>)['tick']!;

// Canonical shape with any digits (impossible months, days, hours, leap days, years before 0100 included), real
// instants, other forms zod also reads, and strings that are almost canonical.
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const shaped = fc
  .tuple(
    fc.oneof(digits(4), fc.constantFrom('0000', '0099', '0100', '1900', '2000', '2024', '2100', '9999')),
    fc.oneof(digits(2), fc.constantFrom('00', '01', '02', '12', '13')),
    fc.constantFrom('00', '01', '28', '29', '30', '31', '32'),
    fc.oneof(digits(2), fc.constantFrom('00', '23', '24')),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    digits(3),
  )
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
const real = fc.date({ min: new Date('0001-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString());
const nearly = fc
  .tuple(real, fc.nat({ max: 23 }), fc.constantFrom('x', ' ', '-', ':', 'T', 'Z', '.', '+', '٣'))
  .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
// A real instant with one field set to an edge value (hour 24, second 60, day 31 of a short month, year 0000…).
const FIELDS: readonly [number, number, readonly string[]][] = [
  [0, 4, ['0000', '0001', '0099', '0100', '9999']],
  [5, 7, ['00', '02', '04', '12', '13']],
  [8, 10, ['00', '29', '30', '31', '32']],
  [11, 13, ['00', '23', '24', '99']],
  [14, 16, ['59', '60']],
  [17, 19, ['59', '60']],
];
const edged = fc
  .tuple(real, fc.constantFrom(...FIELDS))
  .chain(([s, [from, to, values]]) => fc.constantFrom(...values).map((v) => s.slice(0, from) + v + s.slice(to)));
const otherForms = fc.constantFrom('2026-03-09T05:00:00Z', '2026-03-09T05:00:00.000+01:00', '2026-03-09T05:00:00.5Z', '2026-03-09', '');
const atArb = fc.oneof(shaped, real, edged, edged, nearly, otherForms, fc.constant(new Date(Date.UTC(2026, 2, 9))), fc.integer(), fc.constant(null), fc.constant(undefined));

/** An event-like input: the type, maybe an `at`, maybe other keys, as own or inherited properties. */
const inputArb = fc
  .record({
    at: atArb,
    hasAt: fc.boolean(),
    extra: fc.constantFrom({}, { actor: 'ana' }, { reason: '' }, { actor: '' }, { note: 1 }, { __proto__x: 1 }),
    inherit: fc.constantFrom('none', 'at', 'extra'),
  })
  .map(({ at, hasAt, extra, inherit }) => {
    const own: Record<string, unknown> = { type: 'tick', ...(hasAt && inherit !== 'at' ? { at } : {}), ...(inherit === 'extra' ? {} : extra) };
    if (inherit === 'none') return own;
    const proto = inherit === 'at' ? { at } : extra;
    return Object.assign(Object.create(proto) as object, own);
  });

/** What the engine says about `input`: the validated event, or a refusal. */
function engineAnswer(input: unknown): unknown {
  const result = ticket.safeParseEvent(input);
  return result.ok ? { ok: true, event: result.event } : { ok: false };
}

/** What zod itself says about the same input (refusals are compared by outcome here, their content below). */
function zodAnswer(input: unknown): unknown {
  const result = tickSchema.safeParse(input);
  return result.success ? { ok: true, event: result.data } : { ok: false };
}

describe('the bare-event path agrees with zod', () => {
  test.prop([inputArb], { numRuns: 3000 })('accepts exactly what zod accepts, and gives the same event', (input) => {
    const engine = engineAnswer(input) as { ok: boolean; event?: unknown };
    const zod = zodAnswer(input) as { ok: boolean; event?: unknown };
    expect(engine.ok).toBe(zod.ok);
    if (zod.ok) {
      expect(engine.event).toStrictEqual(zod.event);
      expect(Object.isFrozen(engine.event)).toBe(true);
    }
  });

  it('a canonical { type, at } is read without zod; any other key sends it to zod', () => {
    const spy = vi.spyOn(tickSchema, 'safeParse');
    try {
      expect(ticket.safeParseEvent({ type: 'tick', at: '2026-03-09T05:00:00.000Z' }).ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      expect(ticket.safeParseEvent({ type: 'tick', at: '2026-03-09T05:00:00.000Z', actor: 'ana' }).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(ticket.safeParseEvent({ type: 'tick', at: '2026-03-09T06:00:00.000+01:00' }).ok).toBe(true);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it("refusals are zod's own: the issue names the field and says what is wrong", () => {
    const refused = (input: unknown): LifecycleError => {
      const result = ticket.safeParseEvent(input);
      if (result.ok) throw new Error('expected a refusal');
      return result.error;
    };
    const impossible = refused({ type: 'tick', at: '2026-02-30T05:00:00.000Z' });
    expect(impossible.code).toBe('invalid_input');
    expect(impossible.issues.map((i) => i.path.join('.'))).toEqual(['at']);
    const extra = refused({ type: 'tick', at: '2026-03-09T05:00:00.000Z', color: 'red' });
    expect(extra.code).toBe('invalid_input');
    expect(extra.message).toContain('color');
  });

  it('the caller keeps its object: not frozen, not the returned event', () => {
    const input = { type: 'tick', at: '2026-03-09T05:00:00.000Z' };
    const result = ticket.safeParseEvent(input);
    expect(result.ok && result.event).not.toBe(input);
    expect(Object.isFrozen(input)).toBe(false);
  });

  it('a schema derived from a bare one (a refinement) is parsed by zod, so its own rule holds', () => {
    const noMidnight = eventSchema('tick', {}).refine((event) => !event.at.includes('T00:00:00'), { message: 'no ticks at midnight' });
    const lifecycle = defineLifecycle({ ...ticketDeclaration, events: { ...(ticketDeclaration.events as object), tick: noMidnight } as never });
    const result = lifecycle.safeParseEvent({ type: 'tick', at: '2026-03-09T00:00:00.000Z' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(isLifecycleError(result.error) && result.error.message).toContain('no ticks at midnight');
    expect(lifecycle.safeParseEvent({ type: 'tick', at: '2026-03-09T01:00:00.000Z' }).ok).toBe(true);
  });
});

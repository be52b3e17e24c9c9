/**
 * Reproducers of the fuzz failures of the `/testing` entry (issue #12) that runs of a few thousand calls found
 * (seed 20261126 and seed 5): each failed before its fix with a `TypeError`, the fuzzer's caller-trap error, or an
 * unfrozen output. The promise: a `LifecycleError` with a stable code, and frozen outputs.
 */
import * as fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { isLifecycleError } from 'engagement-lifecycle';
import { plextrac } from 'engagement-lifecycle/plextrac';
import { review } from 'engagement-lifecycle/review';
import {
  arbitraryFromSchema,
  checkLifecycle,
  hostModelProperty,
  instantNearDayStartArb,
  kitsOf,
  plextracScenarioArb,
  resolveRelative,
  reviewEventsArb,
  reviewSequenceArb,
  scenarioArb,
  settingsArb,
} from 'engagement-lifecycle/testing';
import { revoked, thrownCode, thrownMessage, trap } from './refusals.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
const any = (value: unknown): any => value;

/** A copy of `lifecycle` whose declaration's event `type` is `schema` (what the fuzzer's "replace" makes). */
function withEvent(lifecycle: object, type: string, schema: unknown): any {
  const l = lifecycle as { declaration: { events: Record<string, unknown> } };
  return { ...l, declaration: { ...l.declaration, events: { ...l.declaration.events, [type]: schema } } };
}

describe('the kit checks a lifecycle for what it then reads', () => {
  it('a look-alike whose declaration lacks an event schema is invalid_input naming the event (was a TypeError reading _zod.def)', () => {
    const fake = withEvent(review, 'publish', undefined);
    expect(thrownCode(() => scenarioArb(fake))).toBe('invalid_input');
    expect(thrownMessage(() => scenarioArb(fake))).toContain('events.publish');
    expect(thrownCode(() => settingsArb(fake))).toBe('invalid_input');
    expect(thrownCode(() => checkLifecycle(fake, { numRuns: 1 }))).toBe('invalid_input');
    expect(thrownCode(() => kitsOf(fake))).toBe('invalid_input');
  });

  it('an event schema with only a safeParse (not zod 4) is refused before its internals are read', () => {
    const fake = withEvent(plextrac, 'cancel', { safeParse: () => ({ success: true }) });
    expect(thrownMessage(() => scenarioArb(fake))).toContain('"cancel" is not a zod 4 schema');
  });

  it('a zod 4 look-alike whose inner parts are not schemas is refused, not walked into a TypeError', () => {
    const fake = withEvent(review, 'publish', { safeParse: () => ({ success: true }), _zod: { def: { type: 'object', shape: { note: 42 } } } });
    expect(thrownCode(() => fc.sample(scenarioArb(fake), 1))).toBe('invalid_input');
  });

  it('a look-alike without safeParseSettings, which the kit calls, is invalid_input (was a TypeError in the full run, call 20641)', () => {
    const { safeParseSettings: _dropped, ...fake } = { ...(review as object), safeParseSettings: undefined } as Record<string, unknown>;
    expect(thrownCode(() => fc.sample(scenarioArb(any(fake)), 1))).toBe('invalid_input');
    expect(thrownCode(() => settingsArb(any(fake)))).toBe('invalid_input');
  });

  it('the real lifecycles still pass the check', () => {
    expect(fc.sample(scenarioArb(review, { maxEvents: 2 }), { numRuns: 2, seed: 1 })).toHaveLength(2);
    expect(fc.sample(scenarioArb(plextrac, { maxEvents: 2 }), { numRuns: 2, seed: 1 })).toHaveLength(2);
  });
});

describe("the kit's arbitraries and properties read their arguments inside the guard", () => {
  it('plextracScenarioArb refuses null and a trapping options object (was reading maxEvents of null, or the trap escaped)', () => {
    expect(thrownCode(() => plextracScenarioArb(any(null)))).toBe('invalid_input');
    expect(thrownCode(() => plextracScenarioArb(any(trap())))).toBe('invalid_input');
  });

  it('reviewEventsArb describes a bad maxLength without converting it to a string (was the trap or a TypeError)', () => {
    expect(thrownCode(() => reviewEventsArb(any(trap())))).toBe('invalid_input');
    expect(thrownCode(() => reviewEventsArb(any(Object.create(null))))).toBe('invalid_input');
  });

  it('instantNearDayStartArb refuses a revoked Proxy as a zone (was a TypeError from zod reading it)', () => {
    expect(thrownCode(() => instantNearDayStartArb(any(revoked())))).toBe('invalid_input');
  });

  it("hostModelProperty reads its options once, from a copy (a revoked Proxy's TypeError escaped)", () => {
    expect(thrownCode(() => hostModelProperty(plextrac, any(revoked())))).toBe('invalid_input');
    const host = { setup: () => ({}), send: () => ({ ok: true }), read: () => null };
    let reads = 0;
    const options = new Proxy({ host }, {
      get: (target, key, receiver) => {
        if (++reads > 1 && key === 'host') throw new Error('read again');
        return Reflect.get(target, key, receiver);
      },
    });
    expect(thrownCode(() => hostModelProperty(plextrac, any(options)))).not.toMatch(/Error: read again/);
  });
});

describe('the kits kitsOf hands out are frozen', () => {
  it("a built-in kit's scenario defaults, weights and payloads are frozen (were not)", () => {
    for (const kit of [...kitsOf(plextrac), ...kitsOf(review)]) {
      expect(Object.isFrozen(kit)).toBe(true);
      expect(Object.isFrozen(kit.invariants)).toBe(true);
      if (!kit.scenario) continue;
      expect(Object.isFrozen(kit.scenario)).toBe(true);
      if (kit.scenario.weights) expect(Object.isFrozen(kit.scenario.weights)).toBe(true);
      if (kit.scenario.payloads) expect(Object.isFrozen(kit.scenario.payloads)).toBe(true);
    }
    expect(kitsOf(plextrac).some((k) => k.scenario?.weights !== undefined || k.scenario?.payloads !== undefined)).toBe(true);
  });
});

describe('URL fields', () => {
  // The kit used fc.webUrl(), whose first construction costs about 2.3 s of CPU: the fuzzer saw the first
  // defectdojoScenarioArb call of every run as a hang. Its replacement must still give what zod accepts.
  it('arbitraryFromSchema(z.url()) gives URLs zod accepts, of more than one shape', () => {
    const url = z.url();
    const values = fc.sample(arbitraryFromSchema(url), { numRuns: 300, seed: 3 }) as string[];
    expect(values.every((v) => url.safeParse(v).success)).toBe(true);
    expect(new Set(values.map((v) => new URL(v).protocol)).size).toBe(2);
    expect(values.some((v) => new URL(v).pathname.length > 1)).toBe(true);
  });
});

describe('what the run of 10^5 calls per entry found in /testing (21:42 UTC)', () => {
  it('resolveRelative refuses a zone that is a revoked Proxy (zod read it and threw a TypeError)', () => {
    expect(thrownCode(() => resolveRelative({}, 0, revoked() as never))).toBe('invalid_input');
    expect(thrownMessage(() => resolveRelative({}, 0, revoked() as never))).toMatch(/zone must be an IANA time zone/);
  });

  it("reviewSequenceArb refuses settings whose reads throw, with the caller's error as cause (it escaped)", () => {
    let error: unknown;
    try {
      reviewSequenceArb({ settings: trap() as never });
    } catch (e) {
      error = e;
    }
    expect(isLifecycleError(error) && error.code).toBe('invalid_input');
    expect(((error as Error).cause as Error).message).toBe('trap');
  });

  it('instantNearDayStartArb and scenarioArb read an arbitrary option under the same guard', () => {
    expect(thrownCode(() => instantNearDayStartArb('UTC', { dates: trap() as never }))).toBe('invalid_input');
    expect(thrownCode(() => scenarioArb(plextrac, { clock: trap() as never }))).toBe('invalid_input');
  });
});

/**
 * The engines' instant reader (`src/core/instant-reader.ts`), stated from its documentation: `canonicalMs` reads
 * exactly `YYYY-MM-DDTHH:mm:ss.sssZ` from the year 0100 on with every field in range (each bound included) and
 * gives what `Date.parse` gives; anything else is undefined, left to `Date.parse`. `eventInstantMs` reads the
 * canonical form without calling `Date.parse` (that is why the reader exists), and every other form with it.
 */
import { describe, expect, it } from 'vitest';
import type { Instant } from '../../src/index.js';
import { canonicalMs, eventInstantMs } from '../../src/core/instant-reader.js';

/** How many times `Date.parse` is called during `run` (synchronous), and what `run` returned. */
function countingDateParse<T>(run: () => T): { readonly calls: number; readonly value: T } {
  const original = Date.parse;
  let calls = 0;
  Date.parse = (s: string) => {
    calls++;
    return original(s);
  };
  try {
    return { value: run(), calls };
  } finally {
    Date.parse = original;
  }
}

describe('canonicalMs', () => {
  it('reads each field at both of its bounds, as Date.parse does', () => {
    const edges = [
      '0100-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-01-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-01-31T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '2026-04-30T23:00:00.000Z',
      '2026-03-09T05:59:00.000Z',
      '2026-03-09T05:00:59.000Z',
    ];
    for (const s of edges) expect([s, canonicalMs(s)]).toEqual([s, Date.parse(s)]);
  });

  it('is undefined for a field out of range, a day its month lacks, or a year before 0100', () => {
    const outside = [
      '0099-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-13-10T00:00:00.000Z',
      '2026-01-00T00:00:00.000Z',
      '2026-01-32T00:00:00.000Z',
      '2026-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-03-09T24:00:00.000Z',
      '2026-03-09T05:60:00.000Z',
      '2026-03-09T05:00:60.000Z',
    ];
    for (const s of outside) expect([s, canonicalMs(s)]).toEqual([s, undefined]);
  });

  it('is undefined when a separator is another character, or a digit is not one', () => {
    const canonical = '2026-03-09T05:06:07.089Z';
    for (const at of [4, 7, 10, 13, 16]) {
      const s = `${canonical.slice(0, at)}0${canonical.slice(at + 1)}`;
      expect([s, canonicalMs(s)]).toEqual([s, undefined]);
    }
    for (const at of [0, 3, 5, 8, 11, 14, 17, 20, 22]) {
      const s = `${canonical.slice(0, at)}x${canonical.slice(at + 1)}`;
      expect([s, canonicalMs(s)]).toEqual([s, undefined]);
    }
  });

  it('is undefined for the other forms of an instant', () => {
    for (const s of ['2026-03-09T05:06:07Z', '2026-03-09T05:06:07.089+01:00', '2026-03-09', '2026-03-09T05:06:07.0890Z']) {
      expect(canonicalMs(s)).toBeUndefined();
    }
  });
});

describe('eventInstantMs', () => {
  it('reads the canonical form without Date.parse, and the other forms with it', () => {
    const canonical = countingDateParse(() => eventInstantMs('2026-03-09T05:06:07.089Z' as Instant));
    expect(canonical).toEqual({ calls: 0, value: Date.UTC(2026, 2, 9, 5, 6, 7, 89) });
    const offset = countingDateParse(() => eventInstantMs('2026-03-09T06:06:07.089+01:00' as Instant));
    expect(offset).toEqual({ calls: 1, value: Date.UTC(2026, 2, 9, 5, 6, 7, 89) });
  });

  it('a canonical-looking string that is no moment is refused, as Date.parse refuses it', () => {
    expect(() => eventInstantMs('2026-03-09T05:06x07.089Z' as Instant)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

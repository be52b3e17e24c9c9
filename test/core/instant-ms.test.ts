import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { type Instant } from '../../src/index.js';
import { eventInstantMs as instantMs } from '../../src/core/instant-reader.js';

// The engines' reader of event instants goes digit by digit; Date.parse is the independent reference it must agree with.
describe('eventInstantMs', () => {
  test.prop([fc.integer({ min: -62135596800000, max: 253402300799999 })], { numRuns: 2000 })(
    'gives back the milliseconds of every canonical instant from 0001 to 9999',
    (ms) => {
      expect(instantMs(new Date(ms).toISOString() as Instant)).toBe(ms);
    },
  );

  // Canonical shape with any digits: impossible months, days, hours, leap days and two-digit years included.
  const d = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
  const shaped = fc
    .tuple(d(4), d(2), fc.constantFrom('28', '29', '30', '31', '00', '15'), d(2), d(2), d(2), d(3))
    .map(([y, mo, day, h, mi, s, ms]) => `${y}-${mo}-${day}T${h}:${mi}:${s}.${ms}Z`);
  const others = fc.constantFrom('2026-03-09T05:00:00Z', '2026-03-09T05:00:00.000+01:00', '2026-03-09', '2026-03-09T05:00:00.0000Z', 'x026-03-09T05:00:00.000Z', '2026-03-09 05:00:00.000Z');

  test.prop([fc.oneof(shaped, others)], { numRuns: 3000 })('agrees with Date.parse on any string, and refuses what it cannot read', (s) => {
    const expected = Date.parse(s);
    if (Number.isNaN(expected)) expect(() => instantMs(s as Instant)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    else expect(instantMs(s as Instant)).toBe(expected);
  });
});

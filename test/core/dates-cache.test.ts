/**
 * The two caches of `src/core/dates.ts`, stated as rules a long-running host relies on: a zone name is resolved
 * by Intl once, a day start is computed once, and neither cache grows without bound (the zone cache keeps at most
 * 1,001 names, the day-start cache at most 50,000 day starts; a new entry into a full cache empties it first).
 *
 * The work is counted, not timed: `Intl.DateTimeFormat` is replaced for the length of one synchronous call and
 * counts what is built. `canonicalTimeZone` builds one formatter per zone it resolves; the day start of Africa/Lagos
 * in 1910 (+0:13:35, an offset under an hour) builds one `longOffset` formatter for every offset it reads (the sign
 * check `offsetMs` makes for such offsets), so a day start read from the cache builds none.
 *
 * Each test takes its own instance of the module (a query in the import path): the caches are module state, and
 * the bounds are only checked from an empty cache.
 */
import { describe, expect, it } from 'vitest';

type Dates = typeof import('../../src/core/dates.js');
let instances = 0;
/** A new instance of `src/core/dates.ts`, with empty caches. */
const freshDates = () => import(/* @vite-ignore */ `../../src/core/dates.js?instance=${++instances}`) as Promise<Dates>;

/** Runs `work` with a counting `Intl.DateTimeFormat`: formatters built to resolve a zone, and to read an offset. */
function counting(work: () => void): { resolve: number; offset: number } {
  const real = Intl.DateTimeFormat;
  const counts = { resolve: 0, offset: 0 };
  Intl.DateTimeFormat = new Proxy(real, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>, newTarget) {
      if (args[1]?.timeZoneName === 'longOffset') counts.offset++;
      else counts.resolve++;
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  try {
    work();
  } finally {
    Intl.DateTimeFormat = real;
  }
  return counts;
}

const lagos = 'Africa/Lagos';
const lagosDay = '1910-01-01';

describe('the zone cache', () => {
  it('Intl resolves a zone name once; asking again reads the cache', async () => {
    const { canonicalTimeZone } = await freshDates();
    const first = counting(() => expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris'));
    const again = counting(() => expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris'));
    expect(first.resolve).toBe(1);
    expect(again.resolve).toBe(0);
  });

  it('keeps at most 1,001 names: a new name when it holds 1,001 empties it first', async () => {
    const { canonicalTimeZone } = await freshDates();
    canonicalTimeZone('Europe/Paris');
    // 1,000 more names (unknown ones are cached too, as null): 1,001 in all, and Paris is still there.
    for (let i = 0; i < 1000; i++) expect(canonicalTimeZone(`Nowhere/${i}`)).toBeNull();
    expect(counting(() => canonicalTimeZone('Europe/Paris')).resolve).toBe(0);
    // The 1,002nd name empties the cache before it is kept: Paris is resolved again, the new name is not.
    expect(counting(() => canonicalTimeZone('Nowhere/1000')).resolve).toBe(1);
    expect(counting(() => canonicalTimeZone('Nowhere/1000')).resolve).toBe(0);
    expect(counting(() => canonicalTimeZone('Europe/Paris')).resolve).toBe(1);
  });
});

describe('the day-start cache', () => {
  it('computes a day start once per zone, date and move; asking again reads the cache', async () => {
    const { dayStartMs } = await freshDates();
    let start = 0;
    const first = counting(() => (start = dayStartMs(lagosDay, lagos)));
    // 00:00 at +0:13:35 is 23:46:25 UTC the day before.
    expect(start).toBe(Date.parse('1909-12-31T23:46:25.000Z'));
    expect(first.offset, 'the day start reads the offset (the premise of this test)').toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect(counting(() => expect(dayStartMs(lagosDay, lagos)).toBe(start)).offset).toBe(0);
    // The same date moved by a day is another entry, computed once too.
    expect(counting(() => dayStartMs(lagosDay, lagos, 1)).offset).toBeGreaterThan(0);
    expect(counting(() => dayStartMs(lagosDay, lagos, 1)).offset).toBe(0);
    expect(counting(() => expect(dayStartMs(lagosDay, lagos)).toBe(start)).offset).toBe(0);
  });

  it('keeps at most 50,000 day starts: the 50,001st empties it first and is kept', async () => {
    const { dayStartMs } = await freshDates();
    dayStartMs(lagosDay, lagos, 0);
    dayStartMs(lagosDay, lagos, 1);
    // 49,998 more (any zone counts): 50,000 in all, and Lagos's are still there.
    for (let i = 0; i < 49_998; i++) dayStartMs('1900-01-01', 'UTC', i);
    expect(counting(() => dayStartMs(lagosDay, lagos, 0)).offset).toBe(0);
    // The 50,001st empties the cache and is kept: it is read from the cache, the others are computed again.
    expect(counting(() => dayStartMs(lagosDay, lagos, 2)).offset).toBeGreaterThan(0);
    expect(counting(() => dayStartMs(lagosDay, lagos, 2)).offset).toBe(0);
    expect(counting(() => dayStartMs(lagosDay, lagos, 1)).offset).toBeGreaterThan(0);
  });
});

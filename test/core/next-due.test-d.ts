/** One `nextDue` shape on a lifecycle and a bound lifecycle; option objects take only `settings` and `newId`. */
import { expectTypeOf, test } from 'vitest';
import type { NextDueResult } from '../../src/index.js';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';

declare const state: PlextracState;

test('the lifecycle and the bound lifecycle return the same result type', () => {
  expectTypeOf(plextrac.nextDue(state)).toEqualTypeOf<NextDueResult>();
  expectTypeOf(plextrac.with({}).nextDue(state)).toEqualTypeOf<NextDueResult>();
  const r = plextrac.nextDue(state);
  if (r.ok) expectTypeOf(r.due).toEqualTypeOf<`${number}-${number}-${number}T${string}` | null>();
});

test('a time zone where the settings belong does not compile', () => {
  // @ts-expect-error: `timeZone` belongs in `settings`
  plextrac.nextDue(state, { timeZone: 'Asia/Tokyo' });
  plextrac.nextDue(state, { settings: { timeZone: 'Asia/Tokyo' } });
});

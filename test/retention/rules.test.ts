/**
 * Retention's rules that the examples leave implicit (`src/core/retention.ts`): the deletion plan names the actor
 * of the clock that planned it, and only then has an `actor`; with zero-day settings an engagement finished before
 * retention was turned on is recorded, archived and planned for deletion by one clock; a negative day count is
 * refused in words.
 */
import { describe, expect, it } from 'vitest';
import { plextrac, type PlextracState } from '../../src/plextrac/index.js';
import { instant, unwrap, type Effect } from '../../src/index.js';
import { thrownMessage } from '../fuzz/refusals.js';

const AT_ONCE = { timeZone: 'UTC', retention: { archiveAfterDays: 0, deleteAfterDays: 0 } };

/** A PlexTrac engagement published (Complete) on 2026-03-10, with `settings`. */
function completed(settings: object): PlextracState {
  const created = unwrap(plextrac.create({ type: 'schedule', id: 'eng-1', at: '2026-01-05T09:00:00Z', clientId: 'acme', name: 'Web app', startDate: '2026-01-12' }, { settings }));
  return unwrap(plextrac.apply(created.state, { type: 'report_status_changed', at: instant('2026-03-10T15:00:00Z'), reportStatus: 'Published' }, { settings })).state;
}
const deletion = (effects: readonly Effect[]) => effects.find((e) => e.type === 'delete_engagement') as (Effect & { readonly plan: { readonly actor?: string } }) | undefined;

describe('the deletion plan', () => {
  const finished = completed(AT_ONCE);

  it('names the actor of the clock that planned it', () => {
    const swept = unwrap(plextrac.apply(finished, { type: 'clock', at: instant('2026-03-11T00:00:00Z'), actor: 'nightly-sweep' }, { settings: AT_ONCE }));
    expect(deletion(swept.effects)?.plan.actor).toBe('nightly-sweep');
  });

  it('has no actor key when the clock had none', () => {
    const swept = unwrap(plextrac.apply(finished, { type: 'clock', at: instant('2026-03-11T00:00:00Z') }, { settings: AT_ONCE }));
    const plan = deletion(swept.effects)?.plan;
    expect(plan).toBeDefined();
    expect(Object.keys(plan!)).not.toContain('actor');
  });
});

describe('an engagement finished before retention was turned on, with zero-day settings', () => {
  it('one clock records its finish, archives it and plans its deletion, each effect once', () => {
    const plain = completed({ timeZone: 'UTC' });
    expect(plain.data).not.toHaveProperty('retention');
    const swept = unwrap(plextrac.apply(plain, { type: 'clock', at: instant('2026-04-01T12:00:00Z') }, { settings: AT_ONCE }));
    expect(swept.effects.map((e) => e.type).filter((t) => t !== 'status_changed')).toEqual(['archive_engagement', 'delete_engagement']);
    expect(swept.state.data.retention).toEqual({
      firstFinishedAt: '2026-04-01T12:00:00.000Z',
      archivedAt: '2026-04-01T12:00:00.000Z',
      deletionPlannedAt: '2026-04-01T12:00:00.000Z',
    });
  });
});

describe('retention settings', () => {
  it('refuse a negative day count, saying so', () => {
    expect(thrownMessage(() => plextrac.parseSettings({ retention: { archiveAfterDays: -1 } }))).toContain('a day count cannot be negative');
    expect(thrownMessage(() => plextrac.parseSettings({ retention: { archiveAfterDays: 1, deleteAfterDays: -3 } }))).toContain('a day count cannot be negative');
  });
});

/** One `nextDue` shape on a lifecycle and on a bound lifecycle, and options that refuse unknown keys. */
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/index.js';
import { plextrac } from '../../src/plextrac/index.js';

const request = { type: 'request', id: 'eng-1', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app test', startDate: '2026-04-01' } as const;

describe('nextDue', () => {
  const created = unwrap(plextrac.create(request)).state;
  const { state } = unwrap(plextrac.apply(created, { type: 'approve', at: '2026-03-03T09:00:00Z', operators: ['ana'] }));
  const tokyo = { settings: { timeZone: 'Asia/Tokyo' } };

  it('has the same result on the lifecycle and on a bound lifecycle: the start of the start date in the tenant zone', () => {
    // 2026-04-01 00:00 in Tokyo (UTC+9) is 2026-03-31T15:00Z.
    expect(plextrac.nextDue(state, tokyo)).toEqual({ ok: true, due: '2026-03-31T15:00:00.000Z' });
    expect(plextrac.with(tokyo).nextDue(state)).toEqual({ ok: true, due: '2026-03-31T15:00:00.000Z' });
  });

  it('a bound lifecycle refuses an invalid state with a result, not a throw', () => {
    const r = plextrac.with(tokyo).nextDue({ ...state, status: 'Nope' } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_input');
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('refuses { timeZone } where { settings } belongs, instead of computing in UTC', () => {
    const r = plextrac.nextDue(state, { timeZone: 'Asia/Tokyo' } as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toContain('settings: { timeZone }');
    }
    expect(() => plextrac.with({ timeZone: 'Asia/Tokyo' } as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    const applied = plextrac.apply(state, { type: 'approve', at: '2026-03-03T09:00:00Z' }, { setings: {} } as never);
    expect(applied.ok).toBe(false);
  });

  it('refuses a bad zone in the settings', () => {
    const r = plextrac.nextDue(state, { settings: { timeZone: 'Mars/Olympus' } });
    expect(r.ok).toBe(false);
  });
});

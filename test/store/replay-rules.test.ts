/**
 * Replaying the audit log (`src/store/replay.ts`), stated from its documentation: the status at an instant is the
 * `to` of the last record dated at or before it (changes at the same instant all count, the last one wins), null
 * before the first record; the instant is read in any accepted form; a history that is not an array of records,
 * or a log that is not one, is refused with words a person can act on.
 */
import { describe, expect, it } from 'vitest';
import { replayStatus, statusAt } from '../../src/store/index.js';
import { thrownCode, thrownMessage, trap } from '../fuzz/refusals.js';

const base = { lifecycle: 'x', engagementId: 'e', event: 'e', actor: null, reason: null };
const history = [
  { ...base, version: 1, from: null, to: 'Open', at: '2030-01-01T00:00:00.000Z' },
  { ...base, version: 2, from: 'Open', to: 'Blocked', at: '2030-01-01T06:00:00.000Z' },
  { ...base, version: 3, from: 'Blocked', to: 'Open', at: '2030-01-01T06:00:00.000Z' },
  { ...base, version: 4, from: 'Open', to: 'Done', at: '2030-01-03T00:00:00.000Z' },
] as const;

describe('replayStatus', () => {
  it('is null before the first record, and the first record\'s status from its instant on', () => {
    expect(replayStatus(history, '2029-12-31T23:59:59.999Z')).toBeNull();
    expect(replayStatus(history, '2030-01-01T00:00:00.000Z')).toBe('Open');
  });

  it('counts every change at the same instant: the last one wins', () => {
    expect(replayStatus(history, '2030-01-01T05:59:59.999Z')).toBe('Open');
    expect(replayStatus(history, '2030-01-01T06:00:00.000Z')).toBe('Open');
    expect(replayStatus(history.slice(0, 2), '2030-01-01T06:00:00.000Z')).toBe('Blocked');
  });

  it('reads the instant in any accepted form: an offset, a Date', () => {
    expect(replayStatus(history, '2030-01-03T01:00:00+01:00')).toBe('Done');
    expect(replayStatus(history, '2030-01-03T00:59:59+01:00')).toBe('Open');
    expect(replayStatus(history, new Date('2030-01-03T00:00:00Z'))).toBe('Done');
    expect(replayStatus([], '2030-01-03T00:00:00Z')).toBeNull();
  });

  it('refuses an invalid instant as the instant schema does', () => {
    expect(thrownCode(() => replayStatus(history, '2030-01-01' as never))).toBe('invalid_input');
    expect(thrownMessage(() => replayStatus(history, 'soon' as never)).startsWith('Invalid instant:\n')).toBe(true);
  });

  it('refuses a history that is not an array, and records without an instant or a status', () => {
    expect(thrownCode(() => replayStatus('log' as never, '2030-01-01T00:00:00Z'))).toBe('invalid_input');
    expect(thrownMessage(() => replayStatus('log' as never, '2030-01-01T00:00:00Z'))).toBe('replayStatus expects the audit history as an array, got "log"');
    expect(thrownCode(() => replayStatus([null] as never, '2030-01-01T00:00:00Z'))).toBe('invalid_input');
    for (const [record, shown] of [
      [null, 'null'],
      [3, '3'],
      [{ to: 'Open' }, 'an object'],
      [{ at: '2030-01-01T00:00:00.000Z', to: 5 }, 'an object'],
      [{ at: 1, to: 'Open' }, 'an object'],
    ] as const) {
      const message = thrownMessage(() => replayStatus([record] as never, '2030-01-02T00:00:00Z'));
      expect(message.startsWith('replayStatus expects audit records ({ at, to, ... }), got ')).toBe(true);
      if (shown !== 'an object') expect(message).toBe(`replayStatus expects audit records ({ at, to, ... }), got ${shown}`);
    }
  });

  it('an instant or a history whose reading throws is invalid_input naming replayStatus', () => {
    const throwing = new Proxy([], {
      get: () => {
        throw new Error('trap');
      },
    });
    expect(thrownMessage(() => replayStatus(throwing, '2030-01-01T00:00:00Z'))).toBe('Invalid input to replayStatus: reading it threw (Error: trap)');
    expect(thrownMessage(() => replayStatus(history, trap() as never))).toBe('Invalid input to replayStatus: reading it threw (Error: trap)');
  });

  it('a deletion (a record whose status is null) is a record like any other', () => {
    const deleted = [...history, { ...base, version: 5, from: 'Done', to: null, at: '2030-01-04T00:00:00.000Z' } as const];
    expect(replayStatus(deleted, '2030-01-04T00:00:00Z')).toBeNull();
    expect(replayStatus(deleted, '2030-01-03T23:59:59Z')).toBe('Done');
  });
});

describe('statusAt', () => {
  it('reads the log\'s history for the key', async () => {
    const asked: unknown[] = [];
    const audit = {
      history: async (key: unknown) => {
        asked.push(key);
        return history;
      },
    };
    expect(await statusAt(audit as never, { lifecycle: 'x', id: 'e' }, '2030-01-02T00:00:00Z')).toBe('Open');
    expect(asked).toEqual([{ lifecycle: 'x', id: 'e' }]);
  });

  it('refuses what is not an audit log before reading anything', async () => {
    await expect(statusAt(null as never, { lifecycle: 'x', id: 'e' }, '2030-01-02T00:00:00Z')).rejects.toThrow(
      'Expected an audit log (a store, or { history }), got null',
    );
    await expect(statusAt({ history: 1 } as never, { lifecycle: 'x', id: 'e' }, '2030-01-02T00:00:00Z')).rejects.toThrow(
      'Expected an audit log (a store, or { history }): its "history" is not a function',
    );
  });
});

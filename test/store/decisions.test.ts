/**
 * The sweep's decisions at the port (`checkDecide`, `parseDecisions`; docs/storage.md): `decide` is a function, it
 * returns one decision per claimed engagement, a decision is `skip`, `reschedule` (to an instant or never) or `save`
 * (a write of the engagement it was claimed for), and anything else is `invalid_input` that says which.
 */
import { describe, expect, it } from 'vitest';
import { isLifecycleError } from '../../src/index.js';
import { checkDecide, parseDecisions, type StoredEngagement } from '../../src/store/index.js';
import { at, changeWrite, openWrite, plain, probeA, probeB } from '../../src/testing/store-contract/probe.js';

const a1 = openWrite(probeA, 'a1', { due: 0 });
const b1 = openWrite(probeA, 'b1', { due: 0 });
const items: StoredEngagement[] = [a1.engagement, b1.engagement];
const tickA1 = changeWrite(probeA, a1.engagement.state, { type: 'tick', at: at(5) });

function refusal(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(isLifecycleError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_input' });
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('checkDecide', () => {
  it('returns the function it is given', () => {
    const decide = () => [];
    expect(checkDecide(decide)).toBe(decide);
  });

  it('refuses anything that is not a function', () => {
    for (const value of [undefined, null, {}, 'decide', []]) {
      expect(refusal(() => checkDecide(value)).message).toBe('claimDue needs a decide function');
    }
  });
});

describe('parseDecisions', () => {
  it('reads each kind of decision for its item, in order', () => {
    const out = parseDecisions([plain({ kind: 'save', write: tickA1 }), { kind: 'reschedule', dueAt: at(7) }], items);
    expect(out[0]!.kind).toBe('save');
    expect(out[0]).toMatchObject({ write: { engagement: { state: { id: 'a1', version: 2, status: 'Late' } } } });
    expect(out[1]).toEqual({ kind: 'reschedule', dueAt: at(7) });
    expect(parseDecisions([{ kind: 'skip' }, { kind: 'skip', extra: 1 }], items)).toEqual([{ kind: 'skip' }, { kind: 'skip' }]);
  });

  it('a reschedule to never has dueAt null, whether given as null or left out', () => {
    expect(parseDecisions([{ kind: 'reschedule', dueAt: null }, { kind: 'reschedule' }], items)).toEqual([
      { kind: 'reschedule', dueAt: null },
      { kind: 'reschedule', dueAt: null },
    ]);
  });

  it('normalises a reschedule instant with an offset to UTC', () => {
    expect(parseDecisions([{ kind: 'reschedule', dueAt: '2030-01-01T02:00:00+02:00' }, { kind: 'skip' }], items)[0]).toEqual({
      kind: 'reschedule',
      dueAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('refuses a reschedule to a value that is not an instant', () => {
    refusal(() => parseDecisions([{ kind: 'reschedule', dueAt: '2030-01-01' }, { kind: 'skip' }], items));
    refusal(() => parseDecisions([{ kind: 'reschedule', dueAt: 0 }, { kind: 'skip' }], items));
  });

  it('needs exactly one decision per claimed engagement, and says how many', () => {
    for (const decisions of [[], [{ kind: 'skip' }], [{ kind: 'skip' }, { kind: 'skip' }, { kind: 'skip' }], { 0: { kind: 'skip' }, length: 2 }, null]) {
      expect(refusal(() => parseDecisions(decisions, items)).message).toBe('decide must return one decision per claimed engagement (2)');
    }
    expect(parseDecisions([], [])).toEqual([]);
  });

  it('refuses claimed items that are not an array, or an item that is not a stored engagement, naming its position', () => {
    expect(refusal(() => parseDecisions([], 'items' as never)).message).toMatch(/^parseDecisions expects the claimed items as an array, got /);
    for (const bad of [null, 7, {}, { state: null }, { state: 'x' }]) {
      expect(refusal(() => parseDecisions([{ kind: 'skip' }, { kind: 'skip' }], [items[0]!, bad as never])).message).toMatch(
        /^parseDecisions: claimed item 1 is not a stored engagement, got /,
      );
    }
  });

  it('refuses a save of another engagement than the one claimed (other id, or same id of another lifecycle)', () => {
    // The write for a1 offered for b1.
    expect(refusal(() => parseDecisions([{ kind: 'skip' }, { kind: 'save', write: tickA1 }], items)).message).toBe(
      'decision 1 saves engagement "probe-a/a1", not the claimed "probe-a/b1"',
    );
    const otherLifecycle = openWrite(probeB, 'a1', { due: 0 });
    const tickB = changeWrite(probeB, otherLifecycle.engagement.state, { type: 'tick', at: at(5) });
    expect(refusal(() => parseDecisions([{ kind: 'save', write: tickB }, { kind: 'skip' }], items)).message).toBe(
      'decision 0 saves engagement "probe-b/a1", not the claimed "probe-a/a1"',
    );
  });

  it('refuses a save whose write is not a write', () => {
    refusal(() => parseDecisions([{ kind: 'save' }, { kind: 'skip' }], items));
    refusal(() => parseDecisions([{ kind: 'save', write: { engagement: null } }, { kind: 'skip' }], items));
  });

  it('refuses an unknown kind, a decision without one, and a decision that is not an object, naming its position', () => {
    for (const d of [{ kind: 'delete' }, {}, null, undefined, 'skip', { kind: 'SKIP' }]) {
      expect(refusal(() => parseDecisions([{ kind: 'skip' }, d], items)).message).toBe('decision 1 must have kind "save", "reschedule" or "skip"');
    }
  });

  it('turns a throwing getter in a decision into invalid_input with the original as cause', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('caller trap'); } });
    const error = refusal(() => parseDecisions([trap, { kind: 'skip' }], items));
    expect((error.cause as Error).message).toBe('caller trap');
    expect(error.message).toBe('Invalid input to parseDecisions: reading it threw (Error: caller trap)');
  });
});

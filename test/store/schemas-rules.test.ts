/**
 * What a store checks of a write it did not get from the engine (`parseWrite`, `src/store/schemas.ts`), stated
 * problem by problem from the port's documentation: the new version is `expectedVersion + 1`; the audit record
 * names the engagement, its new version, its new status and instant, and has `from: null` exactly for a creation;
 * each effect is stamped for this engagement and version, once. A delete plan's effects are stamped for the
 * version after the plan's. Each problem is an issue with its path, word for word.
 */
import { describe, expect, it } from 'vitest';
import { isLifecycleError, unwrap } from '../../src/index.js';
import { parseDeletePlan, parseRecord, parseWrite, writeOf } from '../../src/store/index.js';
import { at, probeA } from '../../src/testing/store-contract/probe.js';
import { thrownError } from '../fuzz/refusals.js';

const created = unwrap(probeA.create({ type: 'open', id: 'e1', at: at(0), asset: 'acme', dueMs: Date.parse(at(10)) }));
const edited = unwrap(probeA.apply(created.state, { type: 'edit', at: at(1), note: 'x' }));
/** The engine's write of the edit, as plain data (so that it is validated, not trusted). */
const valid = () => JSON.parse(JSON.stringify(writeOf(probeA, created.state, edited)));
const effect = () => valid().effects[0];

/** The issues `parse` refused `input` with, as `path: message`; [] when it accepted it. */
function problems(parse: (input: unknown) => unknown, input: unknown): string[] {
  try {
    parse(input);
    return [];
  } catch (error) {
    if (!isLifecycleError(error)) throw error;
    expect(error.code).toBe('invalid_input');
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
}
/** The codes of the issues `parse` refused `input` with. */
const issueCodes = (parse: (input: unknown) => unknown, input: unknown): string[] => thrownError(() => parse(input)).issues.map((i) => i.code ?? 'none');
const writeProblems = (patch: (w: ReturnType<typeof valid>) => void) => {
  const w = valid();
  patch(w);
  return problems(parseWrite, w);
};

describe('a write', () => {
  it('as the engine made it, copied, is accepted and equal', () => {
    expect(parseWrite(valid())).toEqual(valid());
  });

  it('carries the version after the expected one', () => {
    expect(writeProblems((w) => (w.expectedVersion = 5))).toEqual(['engagement.state.version: expected version 6 (expectedVersion + 1), got 2']);
    expect(writeProblems((w) => (w.expectedVersion = null))).toEqual([
      'engagement.state.version: expected version 1 (expectedVersion + 1), got 2',
      'audit.from: from is null exactly for a creation',
    ]);
  });

  it('has an audit record of this engagement, its new version, status and instant, and from null only for a creation', () => {
    expect(writeProblems((w) => (w.audit.engagementId = 'e9'))).toEqual(['audit: the audit record names another engagement']);
    expect(writeProblems((w) => (w.audit.lifecycle = 'probe-b'))).toEqual(['audit: the audit record names another engagement']);
    expect(writeProblems((w) => (w.audit.version = 3))).toEqual(['audit.version: the audit record must carry the new version']);
    expect(writeProblems((w) => (w.audit.to = 'Closed'))).toEqual(['audit.to: the audit record must end in the new status']);
    expect(writeProblems((w) => (w.audit.at = at(2)))).toEqual(["audit.at: the audit record's instant must be the state's updatedAt"]);
    expect(writeProblems((w) => (w.audit.from = null))).toEqual(['audit.from: from is null exactly for a creation']);
  });

  it('has effects stamped for this engagement and version, each once', () => {
    expect(writeProblems((w) => (w.effects[0].engagementId = 'e9'))).toEqual(['effects.0: effect "probe-a:e1:2:edited" belongs to another engagement']);
    expect(writeProblems((w) => (w.effects[0].lifecycle = 'probe-b'))).toEqual(['effects.0: effect "probe-a:e1:2:edited" belongs to another engagement']);
    const unstamped = 'is not stamped for version 2: expected version 2 and an id starting "probe-a:e1:2:"';
    expect(writeProblems((w) => (w.effects[0].version = 3))).toEqual([`effects.0: effect "probe-a:e1:2:edited" ${unstamped}`]);
    expect(writeProblems((w) => (w.effects[0].id = 'probe-a:e1:1:edited'))).toEqual([`effects.0: effect "probe-a:e1:1:edited" ${unstamped}`]);
    expect(writeProblems((w) => w.effects.push(effect()))).toEqual(['effects.1.id: effect id "probe-a:e1:2:edited" appears twice']);
    expect(writeProblems((w) => w.effects.push({ ...effect(), id: 'probe-a:e1:2:edited-again' }))).toEqual([]);
  });

  it("states each problem as a custom issue, after the fields' own checks", () => {
    const w = valid();
    w.audit.version = 3;
    expect(issueCodes(parseWrite, w)).toEqual(['custom']);
    expect(writeProblems((w) => (w.engagement.state.lifecycleVersion = 0))).toEqual(['engagement.state.lifecycleVersion: Too small: expected number to be >=1']);
    expect(writeProblems((w) => (w.engagement.state.lifecycleVersion = 2))).toEqual([]);
  });

  it('has effects with the fields of an effect, and any of its own', () => {
    expect(writeProblems((w) => delete w.effects[0].type)).toEqual(['effects.0.type: Invalid input: expected string, received undefined']);
    expect(writeProblems((w) => (w.effects[0].at = 'yesterday'))).toHaveLength(1);
    expect(writeProblems((w) => (w.effects[0].version = 0))[0]).toBe('effects.0.version: Too small: expected number to be >=1');
    expect(writeProblems((w) => (w.effects[0].extra = { any: 'thing' }))).toEqual([]);
  });

  it('that writeOf made is trusted by its mark, one own symbol named after it', () => {
    const made = writeOf(probeA, created.state, edited);
    expect(parseWrite(made)).toBe(made);
    expect(Object.getOwnPropertySymbols(made).map((s) => s.description)).toEqual(['engagement-lifecycle.trusted-write']);
  });

  it('that is not plain data is refused in words, with the cloning error as its cause', () => {
    const w = { ...valid(), extra: () => 1 };
    let error: unknown;
    try {
      parseWrite(w);
    } catch (e) {
      error = e;
    }
    expect(isLifecycleError(error) && error.code).toBe('invalid_input');
    expect((error as Error).message).toMatch(/^Invalid engagement write: it must be plain data \(.*could not be cloned.*\)$/);
    expect((error as Error & { cause: unknown }).cause).toBeInstanceOf(Error);
  });
});

describe('a delete plan', () => {
  const plan = (effects: unknown[]) => ({ type: 'delete', lifecycle: 'probe-a', engagementId: 'e1', expectedVersion: 2, at: at(3), deletes: [], unlinks: [], effects });
  const deleted = { ...effect(), id: 'probe-a:e1:3:deleted', type: 'deleted', version: 3, at: at(3) };

  it('has effects stamped for the version after the plan\'s', () => {
    expect(problems(parseDeletePlan, plan([deleted]))).toEqual([]);
    expect(problems(parseDeletePlan, plan([{ ...deleted, id: 'probe-a:e1:2:deleted', version: 2 }]))).toEqual([
      'effects.0: effect "probe-a:e1:2:deleted" is not stamped for version 3: expected version 3 and an id starting "probe-a:e1:3:"',
    ]);
    expect(issueCodes(parseDeletePlan, plan([{ ...deleted, version: 2 }]))).toEqual(['custom']);
  });

  it('names what it deletes and unlinks, each with the record it belongs to when it has one', () => {
    const items = [{ kind: 'test', id: 't1', parent: { kind: 'engagement', id: 'e1' } }, { kind: 'engagement', id: 'e1' }];
    expect(parseDeletePlan({ ...plan([deleted]), deletes: items, unlinks: items.slice(0, 1) }).deletes).toEqual(items);
    expect(problems(parseDeletePlan, { ...plan([]), deletes: [{ kind: 'test', id: 't1', parent: { kind: 'engagement', id: 'e1', extra: 1 } }] })).toEqual([
      'deletes.0.parent: Unrecognized key: "extra"',
    ]);
    expect(problems(parseDeletePlan, { ...plan([]), unlinks: [{ kind: 'test', id: 't1', parent: { kind: 'engagement' } }] })).toEqual([
      'unlinks.0.parent.id: Invalid input: expected string, received undefined',
    ]);
  });
});

describe('a related record', () => {
  const record = { kind: 'test', id: 't1', engagement: { lifecycle: 'probe-a', id: 'e1' }, parent: null };
  it('without data is stored with null data; its data is kept otherwise', () => {
    expect(parseRecord(record).data).toBeNull();
    expect(parseRecord({ ...record, data: undefined }).data).toBeNull();
    expect(parseRecord(record)).toEqual({ ...record, data: null });
    expect(parseRecord({ ...record, data: { title: 'x' } }).data).toEqual({ title: 'x' });
    expect(parseRecord({ ...record, data: 0 }).data).toBe(0);
  });
});

/**
 * What `aggregate.test.ts` leaves unpinned in validating an aggregate and the lists of engagements the aggregate's
 * functions take (docs/defectdojo-aggregate.md): a duplicate id is reported at its own path and names the first
 * one's, wherever either sits (engagement notes and files, a finding's endpoints, risk acceptances and their notes);
 * the refusal lists every problem in the message as zod's do; the lists left out are empty; an engagement that does
 * not validate is named by where it sits, in the message and in every issue's path.
 */
import { describe, expect, it } from 'vitest';
import { copyEngagement, filterAccessibleEngagements, findImportEngagement, parseEngagementAggregate } from '../../src/defectdojo/index.js';
import { plextrac } from '../../src/plextrac/index.js';
import { unwrap, type LifecycleError } from '../../src/index.js';
import { aggregateInput, asAggregate, counter, richEngagement } from './aggregate-fixtures.js';
import { failedError } from '../fuzz/refusals.js';

type Input = ReturnType<typeof aggregateInput>;
/** The refusal of the fixture changed by `patch` (or of the aggregate `patch` returns, when it returns one). */
const refusal = (patch: (a: Input) => unknown): LifecycleError => {
  const input = aggregateInput();
  const out = patch(input);
  return failedError(parseEngagementAggregate(asAggregate(out !== null && typeof out === 'object' && 'engagement' in out ? out : input)));
};
const issues = (e: LifecycleError) => e.issues.map((i) => `${i.path.join('.')} (${String(i.code)}): ${i.message}`);

describe('an aggregate', () => {
  it('without its lists has none', () => {
    const r = unwrap(parseEngagementAggregate({ engagement: richEngagement() }));
    expect([r.aggregate.tests, r.aggregate.notes, r.aggregate.files, r.aggregate.riskAcceptances]).toEqual([[], [], [], []]);
  });

  it('reports a duplicate id at its path, naming the first one\'s, for every place a record sits', () => {
    expect(issues(refusal((a) => a.notes.push({ id: 103, entry: 'again' } as never)))).toEqual([
      'notes.1.id (custom): note id "103" appears twice (also at notes.0): give every note its own id',
    ]);
    expect(issues(refusal((a) => a.files.push({ id: 203, title: 'again' } as never)))).toEqual([
      'files.1.id (custom): file id "203" appears twice (also at files.0): give every file its own id',
    ]);
    expect(issues(refusal((a) => (a.tests[0]!.findings[0]! as { endpoints: unknown[] }).endpoints.push({ id: 301, endpointId: 901 })))).toEqual([
      'tests.0.findings.0.endpoints.1.id (custom): endpoint_status id "301" appears twice (also at tests.0.findings.0.endpoints.0): give every endpoint_status its own id',
    ]);
    expect(issues(refusal((a) => a.riskAcceptances.push({ id: 401, name: 'again', acceptedFindings: [], notes: [] })))).toEqual([
      'riskAcceptances.1.id (custom): risk_acceptance id "401" appears twice (also at riskAcceptances.0): give every risk_acceptance its own id',
    ]);
    // A risk acceptance's note shares the kind "note" with the engagement's: listed after them.
    expect(issues(refusal((a) => (a.riskAcceptances[0]!.notes[0]!.id = 103)))).toEqual([
      'riskAcceptances.0.notes.0.id (custom): note id "103" appears twice (also at notes.0): give every note its own id',
    ]);
  });

  it('reports a foreign accepted finding as a custom issue', () => {
    expect(issues(refusal((a) => (a.riskAcceptances[0]!.acceptedFindings = [77])))).toEqual([
      'riskAcceptances.0.acceptedFindings.0 (custom): finding "77" is not in this engagement: add its test to the aggregate, or remove it from the risk acceptance',
    ]);
  });

  it('lists every problem in its message, each with its path', () => {
    const e = refusal((a) => {
      a.notes.push({ id: 103, entry: 'again' } as never);
      a.riskAcceptances[0]!.acceptedFindings = [77];
    });
    expect(e.message).toBe(
      'Invalid engagement aggregate:\n' +
        '✖ note id "103" appears twice (also at notes.0): give every note its own id\n  → at notes.1.id\n' +
        '✖ finding "77" is not in this engagement: add its test to the aggregate, or remove it from the risk acceptance\n  → at riskAcceptances.0.acceptedFindings.0',
    );
    expect(refusal((a) => ({ ...a, tests: 5 })).message).toMatch(/^Invalid engagement aggregate:\n/);
  });

  it('names its engagement when that does not validate: in the message, and under every issue\'s path', () => {
    const e = refusal((a) => ({ ...a, engagement: { ...a.engagement, version: 0 } }));
    expect(e.message).toMatch(/^Invalid engagement \(engagement\): /);
    expect(e.issues.length).toBeGreaterThan(0);
    expect(e.issues.map((i) => i.path.join('.'))).toEqual(['engagement.version']);
  });
});

describe('lists of engagements', () => {
  const engagement = richEngagement();

  it('must be arrays: refused in words, with one issue at the list', () => {
    const r = findImportEngagement('x' as never, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe('Invalid engagements: expected an array of DefectDojo engagement states');
      expect(r.error.issues).toEqual([{ path: ['engagements'], message: 'expected an array of engagement states', code: 'invalid_type' }]);
    }
    expect(() => filterAccessibleEngagements({} as never, {} as never)).toThrow('Invalid engagements: expected an array of DefectDojo engagement states');
  });

  it('name an engagement that does not validate by its position: engagements[1], and under every issue\'s path', () => {
    const r = findImportEngagement([engagement, { ...engagement, version: 0 }] as never, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/^Invalid engagement \(engagements\[1\]\): /);
      expect(r.error.issues.map((i) => i.path.join('.'))).toEqual(['engagements.1.version']);
    }
  });

  it('name an engagement of another lifecycle by its position, as one issue there', () => {
    const other = unwrap(plextrac.create({ type: 'request', id: 'p1', at: '2024-03-01T00:00:00Z', clientId: 'c', name: 'n', startDate: '2024-03-09' })).state;
    const r = findImportEngagement([engagement, engagement, other] as never, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('lifecycle_mismatch');
      expect(r.error.issues.map((i) => i.path)).toEqual([['engagements', 2]]);
      expect(r.error.issues[0]!.message).toBe(r.error.message.replace(/^Invalid engagement \(engagements\[2\]\): /, ''));
    }
  });
});

describe('the id generator', () => {
  it('must be a function, said in words', () => {
    const r = copyEngagement(asAggregate(aggregateInput()), { at: '2024-03-20T10:00:00Z', actor: 'dana', newId: 5 as never });
    expect(!r.ok && r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'newId: newId must be a function that returns a new id (the library never makes ids itself)',
    ]);
    expect(copyEngagement(asAggregate(aggregateInput()), { at: '2024-03-20T10:00:00Z', actor: 'dana', newId: counter() }).ok).toBe(true);
  });
});

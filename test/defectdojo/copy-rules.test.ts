/**
 * What `copy.test.ts` leaves unpinned in "Copy Engagement" (docs/defectdojo-aggregate.md, "Copy"): a copied file's
 * title at the exact bounds of its cut (100 UTF-16 code units, a surrogate pair never split, a title that fits kept
 * as it is), the tag's form, the options' refusals in words, new ids never reusing an original's of the same kind,
 * and risk acceptances re-linked by hash code only (a finding without one is never re-linked).
 */
import { describe, expect, it } from 'vitest';
import { cloneFileTitle, copyEngagement } from '../../src/defectdojo/index.js';
import { aggregateInput, asAggregate, counter } from './aggregate-fixtures.js';
import { thrownError } from '../fuzz/refusals.js';

const tag = '0123abcd';
const suffix = ` - clone-${tag}`; // 17 code units: a title keeps at most 83

describe('cloneFileTitle', () => {
  it('keeps a title that fits, whatever it ends with', () => {
    expect(cloneFileTitle('a'.repeat(83), tag)).toBe(`${'a'.repeat(83)}${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\ud83d`, tag)).toBe(`${'a'.repeat(82)}\ud83d${suffix}`);
    expect(cloneFileTitle('x\udbff', tag)).toBe(`x\udbff${suffix}`);
  });

  it('cuts a longer one to 83 code units, dropping a high surrogate left at the cut (0xD800 to 0xDBFF)', () => {
    expect(cloneFileTitle('a'.repeat(84), tag)).toBe(`${'a'.repeat(83)}${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\ud800\udc00b`, tag)).toBe(`${'a'.repeat(82)}${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\udbff\udfffb`, tag)).toBe(`${'a'.repeat(82)}${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\ud7ffbb`, tag)).toBe(`${'a'.repeat(82)}\ud7ff${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\udc00bb`, tag)).toBe(`${'a'.repeat(82)}\udc00${suffix}`);
    expect(cloneFileTitle(`${'a'.repeat(82)}\ue000bb`, tag)).toBe(`${'a'.repeat(82)}\ue000${suffix}`);
  });

  it('takes a tag of exactly eight lower-case hex characters', () => {
    for (const bad of [`xx${tag}`, `${tag}xx`, '0123ABCD', '0123abc']) {
      const e = thrownError(() => cloneFileTitle('t', bad));
      expect(e.message).toMatch(/^Invalid clone file title input:\n/);
      expect(e.issues.map((i) => i.message)).toEqual(['expected eight lower-case hex characters']);
    }
  });
});

describe('copyEngagement', () => {
  const at = '2024-03-20T10:00:00Z';

  it('refuses its options in words', () => {
    const r = copyEngagement(asAggregate(aggregateInput()), { at, actor: '', newId: counter() });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/^Invalid copy options:\n/);
      expect(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['actor: give the user who copies the engagement']);
    }
  });

  it("never gives a copy an original's id of the same kind: the engagement's, a note's", () => {
    const engagementId = aggregateInput().engagement.id;
    const first = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'dana', newId: () => engagementId });
    expect(!first.ok && first.error.message).toBe(`The id generator returned "${engagementId}" for an engagement, an id already in use: it must return a new id on every call`);
    const ids = ['n-new', '103'];
    const note = copyEngagement(asAggregate(aggregateInput()), { at, actor: 'dana', newId: () => ids.shift() ?? 'z' });
    expect(!note.ok && note.error.details).toEqual({ id: '103', kind: 'note' });
    expect(!note.ok && note.error.message).toBe('The id generator returned "103" for a note, an id already in use: it must return a new id on every call');
    // An original's id of another kind is free: the engagement may take a note's.
    const free = ['103', ...Array.from({ length: 30 }, (_, i) => `x${i}`)];
    expect(copyEngagement(asAggregate(aggregateInput()), { at, actor: 'dana', newId: () => free.shift()! }).ok).toBe(true);
  });

  it('re-links a risk acceptance by hash code only: an accepted finding without one is never re-linked', () => {
    const input = aggregateInput();
    const test = { ...input.tests[1]!, findings: [{ id: 14, title: 'No hash', severity: 'Low', riskAccepted: true }] };
    const aggregate = { ...input, tests: [input.tests[0]!, test], riskAcceptances: [{ id: 402, name: 'No hash', acceptedFindings: [14] }] };
    const r = copyEngagement(asAggregate(aggregate), { at, actor: 'dana', newId: counter() });
    expect(r.ok && r.aggregate.riskAcceptances[0]!.acceptedFindings).toEqual([]);
  });
});

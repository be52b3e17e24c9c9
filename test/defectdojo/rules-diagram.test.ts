/**
 * How DefectDojo's lifecycle names its transitions in the machine and its diagrams (the names docs/diagrams/ shows
 * for the transitions that move the status, and those a diagram with loops shows for the ones that keep it), and the
 * write policy's refusals word for word. Each expected line is written out here from what a user does, not drawn
 * from the declaration.
 */
import { describe, expect, it } from 'vitest';
import { DATE_ORDER_MESSAGE, defectdojo, type DefectDojoEventInput } from '../../src/defectdojo/index.js';
import { toMermaid } from '../../src/index.js';
import { inStatus } from './helpers.js';

const edges = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.includes('-->'));

describe('transition names', () => {
  it('moves: created into any status; close into Completed, reopen and add test into In Progress, the auto-close at the clock', () => {
    const drawn = edges(toMermaid(defectdojo, { omitEvents: ['set_status'] }));
    expect(drawn).toContain('[*] --> Not_Started : create');
    expect(drawn).toContain('[*] --> Waiting_for_Resource : create');
    expect(drawn).toContain('Blocked --> Completed : close');
    expect(drawn).toContain('Blocked --> In_Progress : reopen, add test (starts it)');
    expect(drawn).toContain('Completed --> In_Progress : reopen, add test (starts it)');
    expect(drawn).toContain('In_Progress --> Completed : auto-close, close');
  });

  it('loops: the clock, close when already closed, reopen when already open, add test, import scan, edit, Jira settings', () => {
    const loops = edges(toMermaid(defectdojo, { selfLoops: true, omitEvents: ['set_status'] }));
    expect(loops).toContain('On_Hold --> On_Hold : clock, add test, import scan, edit, jira settings');
    expect(loops).toContain('Completed --> Completed : clock, close (already closed), close, add test, import scan, edit, jira settings');
    // Adding a test to an engagement already In Progress does not start it: the loop is the plain "add test".
    expect(loops).toContain('In_Progress --> In_Progress : clock, reopen (already open), reopen, add test, import scan, edit, jira settings');
  });

  it('set status links every status to every other', () => {
    const all = edges(toMermaid(defectdojo));
    expect(all).toContain('Scheduled --> Blocked : set status');
    expect(all).toContain('Cancelled --> Completed : set status, close');
  });
});

describe('the write policy "closed-when-completed": each refusal names what was refused', () => {
  const closed = { writePolicy: 'closed-when-completed' } as const;
  const at = '2024-03-02T00:00:00Z';
  it.each([
    ['add_test', 'add a test to'],
    ['import_scan', 'import a scan into'],
  ] as const)('%s', (type, what) => {
    const r = defectdojo.apply(inStatus('Completed', {}, closed), { type, at } as DefectDojoEventInput, { settings: closed });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('operation_not_allowed');
    expect(r.error.message).toBe(
      `Cannot ${what} engagement "42": it is Completed, and the write policy "closed-when-completed" forbids writes into completed engagements. Reopen it first.`,
    );
    expect(r.error.details).toEqual({ engagementId: '42', status: 'Completed', operation: type, writePolicy: 'closed-when-completed' });
  });
});

describe('an edit that puts the start after the end', () => {
  it('is refused with DefectDojo\'s message on both dates, as a custom check, naming the engagement and the dates after the edit', () => {
    // The engagement runs 2024-03-04 to 2024-03-08; the edit moves only the end, before the start.
    const r = defectdojo.apply(inStatus('In Progress'), { type: 'edit', at: '2024-03-02T10:00:00Z', targetEnd: '2024-03-01' } as DefectDojoEventInput);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toBe(`Invalid edit of engagement "42": ${DATE_ORDER_MESSAGE}`);
    expect(r.error.issues.map((i) => [i.path.join('.'), i.code, i.message])).toEqual([
      ['targetStart', 'custom', DATE_ORDER_MESSAGE],
      ['targetEnd', 'custom', DATE_ORDER_MESSAGE],
    ]);
    expect(r.error.details).toEqual({ engagementId: '42', targetStart: '2024-03-04', targetEnd: '2024-03-01' });
  });
});

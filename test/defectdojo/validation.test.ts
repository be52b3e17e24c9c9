import { describe, expect, it } from 'vitest';
import { DATE_ORDER_MESSAGE, editEngagement, newEngagement, type NewEngagementInput } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { create } from './helpers.js';

const form = {
  at: '2024-03-01T10:00:00Z',
  id: '42',
  productId: 139,
  targetStart: '2024-03-04',
  targetEnd: '2024-03-08',
  status: 'Not Started',
} as const satisfies NewEngagementInput;

const issuesOf = (r: { ok: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }) =>
  r.ok ? [] : r.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

describe('newEngagement: the form as a user meets it', () => {
  it('asset, target start, target end and status are required; each error names its field and what to give', () => {
    const r = newEngagement({ at: '2024-03-01T10:00:00Z', id: '1' } as never);
    expect(r.ok).toBe(false);
    const issues = issuesOf(r as never);
    expect(issues.map((i) => i.path).sort()).toEqual(['productId', 'status', 'targetEnd', 'targetStart']);
    expect(issues.find((i) => i.path === 'productId')!.message).toBe(
      'productId is required: give the id of the asset (DefectDojo product) the engagement belongs to',
    );
    expect(issues.find((i) => i.path === 'targetStart')!.message).toBe('targetStart is required: give the first day of the engagement, a date as YYYY-MM-DD, e.g. 2024-03-04');
    expect(issues.find((i) => i.path === 'status')!.message).toMatch(/^status is required: choose one of "Not Started", "Blocked", /);
  });

  it('the type defaults to Interactive; a CI/CD engagement without a status starts In Progress (DefectDojo\'s CI/CD form)', () => {
    expect(unwrap(newEngagement(form)).state.data.engagementType).toBe('Interactive');
    const { status: _s, ...noStatus } = form;
    const ci = unwrap(newEngagement({ ...noStatus, engagementType: 'CI/CD' }));
    expect(ci.state.status).toBe('In Progress');
    expect(ci.state.data.active).toBe(true);
  });

  it('start after end: DefectDojo\'s message on both date fields; equal dates are fine', () => {
    const r = newEngagement({ ...form, targetStart: '2024-03-09' });
    expect(issuesOf(r as never)).toEqual([
      { path: 'targetStart', message: DATE_ORDER_MESSAGE },
      { path: 'targetEnd', message: DATE_ORDER_MESSAGE },
    ]);
    expect(newEngagement({ ...form, targetStart: '2024-03-08' }).ok).toBe(true);
  });

  it('reports every problem at once, the date order included', () => {
    const r = newEngagement({ ...form, targetStart: '2024-03-09', tracker: 'not a url', bogus: 1 } as never);
    const issues = issuesOf(r as never);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'tracker', message: 'tracker is not valid: give a full URL such as https://example.com/path, or null' },
        { path: 'bogus', message: expect.stringContaining('unknown field "bogus": remove it') },
        { path: 'targetStart', message: DATE_ORDER_MESSAGE },
        { path: 'targetEnd', message: DATE_ORDER_MESSAGE },
      ]),
    );
  });

  it('says what to change for wrong values', () => {
    const messages = issuesOf(newEngagement({ ...form, status: 'Done', name: 'x'.repeat(301), targetEnd: '2024-02-30', tags: 'pci', penTest: 'yes', description: 5 } as never) as never);
    expect(messages).toEqual(
      expect.arrayContaining([
        { path: 'status', message: expect.stringMatching(/^status cannot be "Done": choose one of "Not Started"/) },
        { path: 'name', message: 'name is too long: shorten it to at most 300 characters' },
        { path: 'targetEnd', message: expect.stringContaining('targetEnd is not valid: give the last day of the engagement, a date as YYYY-MM-DD') },
        { path: 'tags', message: 'tags has the wrong type: give a list of tags, each text of at most 100 characters' },
        { path: 'penTest', message: 'penTest has the wrong type: give true or false' },
        { path: 'description', message: 'description has the wrong type: give text, or null' },
      ]),
    );
  });

  it('tags are lower-cased; an empty name becomes the start date (DefectDojo\'s pre_save)', () => {
    const s = unwrap(newEngagement({ ...form, name: '', tags: ['PCI', 'Web', 'pci'] })).state;
    expect(s.data.tags).toEqual(['pci', 'web']);
    expect(s.data.name).toBe('2024-03-04');
  });

  it('junk is invalid_input, never a throw', () => {
    for (const junk of [null, 1, 'x', [], undefined]) {
      const r = newEngagement(junk as never);
      expect(!r.ok && r.error.code).toBe('invalid_input');
    }
  });
});

describe('editEngagement', () => {
  it('start ≤ end is checked on update too, against the dates after the edit, on both fields', () => {
    const s = create();
    const r = editEngagement(s, { at: '2024-03-02T00:00:00Z', targetEnd: '2024-03-01' });
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(issuesOf(r as never)).toEqual([
      { path: 'targetStart', message: DATE_ORDER_MESSAGE },
      { path: 'targetEnd', message: DATE_ORDER_MESSAGE },
    ]);
    expect(unwrap(editEngagement(s, { at: '2024-03-02T00:00:00Z', targetStart: '2024-03-01', targetEnd: '2024-03-01' })).state.data.targetEnd).toBe('2024-03-01');
  });

  it('names the field and says what to change', () => {
    const r = editEngagement(create(), { at: '2024-03-02T00:00:00Z', lead: '', status: 'Completed' } as never);
    expect(issuesOf(r as never)).toEqual(
      expect.arrayContaining([
        { path: 'lead', message: 'lead is empty: give the user id of the engagement\'s lead, or null' },
        { path: 'status', message: expect.stringContaining('unknown field "status": remove it') },
      ]),
    );
  });

  it('tags lower-cased, emptied name becomes the start date', () => {
    const r = unwrap(editEngagement(create(), { at: '2024-03-02T00:00:00Z', name: null, tags: ['API'] }));
    expect(r.state.data).toMatchObject({ name: '2024-03-04', tags: ['api'] });
  });

  it('junk is a typed error', () => {
    expect(editEngagement(create(), null as never).ok).toBe(false);
    const r = editEngagement({} as never, { at: '2024-03-02T00:00:00Z' });
    expect(!r.ok && r.error.code).toBe('lifecycle_mismatch');
  });
});

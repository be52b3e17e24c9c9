import { describe, expect, it } from 'vitest';
import { canWrite, defectdojo, DEFECTDOJO_STATUSES, type DefectDojoEventInput } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { apply, baseCreate, create, inStatus, run } from './helpers.js';
import { machineEngine } from '../../src/machine/index.js';

describe('create: DefectDojo\'s defaults', () => {
  it('Not Started, Interactive, active; model defaults for the rest', () => {
    const r = unwrap(defectdojo.create({ type: 'create', id: '1', at: '2024-03-01T00:00:00Z', productId: 139, targetStart: '2024-03-10', targetEnd: '2024-03-17' }));
    expect(r.state.status).toBe('Not Started');
    expect(r.state.data).toMatchObject({
      engagementType: 'Interactive',
      active: true,
      productId: '139',
      threatModel: true,
      apiTest: true,
      penTest: true,
      checkList: true,
      progress: 'threat_model',
      tmodelPath: 'none',
      doneTesting: false,
      deduplicationOnEngagement: false,
      tags: [],
    });
  });

  it('an empty name becomes the start date, as DefectDojo\'s pre_save hook does', () => {
    expect(create({ name: '' }).data.name).toBe('2024-03-04');
    expect(create({ name: null }).data.name).toBe('2024-03-04');
    expect(create({ name: undefined }).data.name).toBe('2024-03-04');
  });

  it('emits engagement_added with DefectDojo\'s title, to the lead', () => {
    const r = unwrap(defectdojo.create(baseCreate));
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_added']);
    expect(r.effects[1]).toMatchObject({
      category: 'notification',
      title: 'Engagement created for "Payments API": Q1 pentest',
      url: '/engagement/42',
      recipients: ['7'],
    });
  });

  it('a created Completed or Cancelled engagement is inactive (DefectDojo\'s UI create leaves it active)', () => {
    expect(create({ status: 'Completed' }).data.active).toBe(false);
    expect(create({ status: 'Cancelled' }).data.active).toBe(false);
  });

  it('start after end is refused with DefectDojo\'s message on both date fields; equal dates are fine', () => {
    const r = defectdojo.create({ ...baseCreate, targetStart: '2024-03-09', targetEnd: '2024-03-08' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.issues).toEqual([
        expect.objectContaining({ path: ['targetStart'], message: 'Your target start date exceeds your target end date' }),
        expect.objectContaining({ path: ['targetEnd'], message: 'Your target start date exceeds your target end date' }),
      ]);
    }
    expect(defectdojo.create({ ...baseCreate, targetStart: '2024-03-08', targetEnd: '2024-03-08' }).ok).toBe(true);
  });

  it('tags are lower-cased and kept once; missing required fields name the field', () => {
    expect(create({ tags: ['PCI', 'pci', ' Web '] }).data.tags).toEqual(['pci', 'web']);
    const r = defectdojo.create({ type: 'create', id: '1', at: '2024-03-01T00:00:00Z', targetStart: '2024-03-10' } as never);
    expect(!r.ok && r.error.issues.map((i) => i.path[0]).sort()).toEqual(['productId', 'targetEnd']);
  });
});

describe('active follows the status (spec 1.4)', () => {
  it.each(DEFECTDOJO_STATUSES)('set_status %s: active is false exactly for Completed and Cancelled', (status) => {
    const s = apply(create(), { type: 'set_status', at: '2024-03-02T00:00:00Z', status }).state;
    expect(s.status).toBe(status);
    expect(s.data.active).toBe(status !== 'Completed' && status !== 'Cancelled');
  });

  it('any status can go to any status', () => {
    for (const from of DEFECTDOJO_STATUSES) {
      for (const to of DEFECTDOJO_STATUSES) {
        expect(apply(inStatus(from), { type: 'set_status', at: '2024-03-02T00:00:00Z', status: to }).state.status).toBe(to);
      }
    }
  });

  it('facets: the asset is the product; active is the flag', () => {
    expect(defectdojo.facets(create())).toEqual({ asset: '139', active: true });
    expect(defectdojo.facets(inStatus('Cancelled'))).toEqual({ asset: '139', active: false });
  });
});

describe('close and reopen (spec 2)', () => {
  it('close: Completed and inactive, engagement_closed with DefectDojo\'s words', () => {
    const r = apply(inStatus('In Progress'), { type: 'close', at: '2024-03-02T00:00:00Z' });
    expect(r.state.status).toBe('Completed');
    expect(r.state.data.active).toBe(false);
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_closed']);
    expect(r.effects[1]).toMatchObject({
      title: 'Closure of Q1 pentest',
      description: 'The engagement "Q1 pentest" was closed',
      url: '/engagement/42/finding/all',
      recipients: ['7'],
    });
  });

  it('closing a Completed engagement is a no-op: no notification, no Jira task', () => {
    const s = run(inStatus('Completed'), [
      { type: 'set_jira', at: '2024-03-02T00:00:00Z', project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-9' } },
    ]);
    const r = apply(s, { type: 'close', at: '2024-03-03T00:00:00Z' });
    expect(r.changed).toBe(false);
    expect(r.effects).toEqual([]);
  });

  it('reopen: In Progress and active, whatever the status was; engagement_reopened unless it was Not Started', () => {
    for (const from of DEFECTDOJO_STATUSES) {
      const r = apply(inStatus(from), { type: 'reopen', at: '2024-03-02T00:00:00Z' });
      expect(r.state.status).toBe('In Progress');
      expect(r.state.data.active).toBe(true);
      const reopened = r.effects.find((e) => e.type === 'engagement_reopened');
      if (from === 'Not Started' || from === 'In Progress') expect(reopened).toBeUndefined();
      else expect(reopened).toMatchObject({ title: 'Reopening of Q1 pentest', description: 'The engagement "Q1 pentest" was reopened', url: '/engagement/42' });
      expect(r.effects.some((e) => e.type === 'jira_close_epic')).toBe(false);
    }
  });

  it('set_status into Completed or Cancelled sends engagement_closed; into In Progress from Not Started sends nothing', () => {
    const closed = apply(inStatus('On Hold'), { type: 'set_status', at: '2024-03-02T00:00:00Z', status: 'Cancelled' });
    expect(closed.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_closed']);
    const started = apply(create(), { type: 'set_status', at: '2024-03-02T00:00:00Z', status: 'In Progress' });
    expect(started.effects.map((e) => e.type)).toEqual(['status_changed']);
    const back = apply(closed.state, { type: 'set_status', at: '2024-03-03T00:00:00Z', status: 'In Progress' });
    expect(back.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_reopened']);
  });

  it('no change of status, no notification', () => {
    const r = apply(inStatus('On Hold'), { type: 'set_status', at: '2024-03-02T00:00:00Z', status: 'On Hold' });
    expect(r.changed).toBe(false);
    expect(r.effects).toEqual([]);
  });

  it('set_status Completed does not close the Jira epic: only close does (as DefectDojo)', () => {
    const s = run(inStatus('In Progress'), [
      { type: 'set_jira', at: '2024-03-02T00:00:00Z', project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-9' } },
    ]);
    expect(apply(s, { type: 'set_status', at: '2024-03-03T00:00:00Z', status: 'Completed' }).effects.some((e) => e.type === 'jira_close_epic')).toBe(false);
  });
});

describe('Jira: close emits a close-epic effect when mapped', () => {
  const jira = (patch: object): DefectDojoEventInput => ({ type: 'set_jira', at: '2024-03-02T00:00:00Z', ...patch }) as DefectDojoEventInput;
  const closeEffects = (events: DefectDojoEventInput[]) =>
    apply(run(inStatus('In Progress'), events), { type: 'close', at: '2024-03-03T00:00:00Z' }).effects.filter((e) => e.type === 'jira_close_epic');

  it('the engagement\'s own project with epic mapping and a linked epic', () => {
    expect(closeEffects([jira({ project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-9', id: '10009' } })])).toEqual([
      expect.objectContaining({ type: 'jira_close_epic', category: 'jira', epicKey: 'SEC-9', projectKey: 'SEC', id: 'defectdojo:42:4:jira_close_epic' }),
    ]);
  });
  it('the asset\'s project, inherited', () => {
    expect(closeEffects([jira({ assetProject: { projectKey: 'APP', epicMapping: true }, epic: { key: 'APP-1' } })])).toHaveLength(1);
  });
  it('the engagement overrides the asset\'s epic mapping', () => {
    expect(closeEffects([jira({ project: { epicMapping: false }, assetProject: { projectKey: 'APP', epicMapping: true }, epic: { key: 'APP-1' } })])).toHaveLength(0);
  });
  it('no epic linked, or no mapping, or no project: nothing', () => {
    expect(closeEffects([jira({ project: { projectKey: 'SEC', epicMapping: true } })])).toHaveLength(0);
    expect(closeEffects([jira({ project: { projectKey: 'SEC' }, epic: { key: 'SEC-9' } })])).toHaveLength(0);
    expect(closeEffects([jira({ epic: { key: 'SEC-9' } })])).toHaveLength(0);
  });
  it('set_jira with null removes, undefined keeps', () => {
    const s = run(inStatus('In Progress'), [jira({ project: { projectKey: 'SEC', epicMapping: true }, epic: { key: 'SEC-9' } }), { ...jira({ epic: null }), at: '2024-03-02T01:00:00Z' } as DefectDojoEventInput]);
    expect(s.data.jira.epic).toBeNull();
    expect(s.data.jira.project?.projectKey).toBe('SEC');
  });
});

describe('add a test and import a scan (spec 7)', () => {
  it('adding a test to an active engagement that is not In Progress moves it to In Progress', () => {
    for (const from of ['Not Started', 'Blocked', 'On Hold', 'Scheduled', 'Waiting for Resource'] as const) {
      const r = apply(inStatus(from), { type: 'add_test', at: '2024-03-02T00:00:00Z', testId: 5 });
      expect(r.state.status).toBe('In Progress');
      expect(r.effects.some((e) => e.type === 'engagement_reopened')).toBe(from !== 'Not Started');
    }
  });
  it('an inactive engagement is left alone', () => {
    for (const from of ['Completed', 'Cancelled'] as const) {
      const r = apply(inStatus(from), { type: 'add_test', at: '2024-03-02T00:00:00Z' });
      expect(r.state.status).toBe(from);
      expect(r.changed).toBe(false);
    }
  });
  it('there is no date-based Not Started → In Progress', () => {
    const s = create({ targetStart: '2024-03-04' });
    expect(apply(s, { type: 'clock', at: '2024-03-05T00:00:00Z' }).state.status).toBe('Not Started');
  });
  it('a scan into a CI/CD engagement moves its end date to the later of the scan date and the end date', () => {
    const s = inStatus('In Progress', { engagementType: 'CI/CD', targetEnd: '2024-03-08' });
    expect(apply(s, { type: 'import_scan', at: '2024-03-12T10:00:00Z', scanDate: '2024-03-12' }).state.data.targetEnd).toBe('2024-03-12');
    const earlier = apply(s, { type: 'import_scan', at: '2024-03-05T10:00:00Z', scanDate: '2024-03-05' });
    expect(earlier.state.data.targetEnd).toBe('2024-03-08');
    expect(earlier.changed).toBe(false);
  });
  it('the scan date defaults to today in the tenant zone', () => {
    const s = inStatus('In Progress', { engagementType: 'CI/CD', targetEnd: '2024-03-08' });
    const tokyo = { timeZone: 'Asia/Tokyo' };
    expect(apply(s, { type: 'import_scan', at: '2024-03-12T16:00:00Z' }, tokyo).state.data.targetEnd).toBe('2024-03-13');
    expect(apply(s, { type: 'import_scan', at: '2024-03-12T16:00:00Z' }).state.data.targetEnd).toBe('2024-03-12');
  });
  it('an Interactive engagement keeps its end date; status and active never change', () => {
    const s = inStatus('Completed', { targetEnd: '2024-03-08' });
    const r = apply(s, { type: 'import_scan', at: '2024-03-12T10:00:00Z', scanDate: '2024-03-12' });
    expect(r.state.data.targetEnd).toBe('2024-03-08');
    expect(r.state.status).toBe('Completed');
    const ci = inStatus('Completed', { engagementType: 'CI/CD', targetEnd: '2024-03-08' });
    const r2 = apply(ci, { type: 'import_scan', at: '2024-03-12T10:00:00Z', scanDate: '2024-03-12' });
    expect(r2.state.data).toMatchObject({ targetEnd: '2024-03-12', active: false });
    expect(r2.state.status).toBe('Completed');
  });
});

describe('write policy', () => {
  const closed = { writePolicy: 'closed-when-completed' } as const;
  it('open (the default, DefectDojo\'s code): tests and scans go into a Completed engagement', () => {
    const s = inStatus('Completed');
    expect(defectdojo.apply(s, { type: 'add_test', at: '2024-03-02T00:00:00Z' }).ok).toBe(true);
    expect(canWrite(s, 'import_scan')).toEqual({ ok: true });
  });
  it('closed-when-completed refuses adding tests and importing scans into a Completed engagement', () => {
    const s = inStatus('Completed', {}, closed);
    for (const type of ['add_test', 'import_scan'] as const) {
      const r = defectdojo.apply(s, { type, at: '2024-03-02T00:00:00Z' }, { settings: closed });
      expect(!r.ok && r.error.code).toBe('operation_not_allowed');
      const m = machineEngine(defectdojo, { settings: closed }).apply(s, { type, at: '2024-03-02T00:00:00Z' });
      expect(m).toEqual(r);
      const w = canWrite(s, type, closed);
      expect(!w.ok && w.error.code).toBe('operation_not_allowed');
    }
    expect(canWrite(inStatus('Cancelled'), 'add_test', closed)).toEqual({ ok: true });
    expect(canWrite(inStatus('In Progress'), 'add_test', closed)).toEqual({ ok: true });
  });
  it('canWrite refuses junk with a typed error', () => {
    const bad = canWrite(create(), 'delete' as never);
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
    expect(canWrite({} as never, 'add_test').ok).toBe(false);
  });
});

describe('edit', () => {
  it('checks start ≤ end against the merged dates, on update too', () => {
    const s = create({ targetStart: '2024-03-04', targetEnd: '2024-03-08' });
    const r = defectdojo.apply(s, { type: 'edit', at: '2024-03-02T00:00:00Z', targetStart: '2024-03-09' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.issues.map((i) => i.path)).toEqual([['targetStart'], ['targetEnd']]);
      expect(r.error.message).toContain('Your target start date exceeds your target end date');
    }
    expect(defectdojo.apply(s, { type: 'edit', at: '2024-03-02T00:00:00Z', targetStart: '2024-03-09', targetEnd: '2024-03-10' }).ok).toBe(true);
  });
  it('clearing the name makes it the start date; unchanged fields change nothing', () => {
    const s = create();
    expect(apply(s, { type: 'edit', at: '2024-03-02T00:00:00Z', name: '' }).state.data.name).toBe('2024-03-04');
    expect(apply(s, { type: 'edit', at: '2024-03-02T00:00:00Z', name: 'Q1 pentest' }).changed).toBe(false);
  });
  it('edits the CI/CD fields and lower-cases tags', () => {
    const r = apply(create(), { type: 'edit', at: '2024-03-02T00:00:00Z', buildId: 'b-17', commitHash: 'abc123', tags: ['API'] });
    expect(r.state.data).toMatchObject({ buildId: 'b-17', commitHash: 'abc123', tags: ['api'] });
  });
});

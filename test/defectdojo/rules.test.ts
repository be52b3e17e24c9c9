/**
 * DefectDojo rules that mutation testing found unchecked, each stated from the product's behaviour (DefectDojo's
 * code and the library's documented decisions), not read back from the implementation.
 */
import { describe, expect, it } from 'vitest';
import {
  DATE_ORDER_MESSAGE,
  defectdojo,
  editEngagement,
  newEngagement,
  type DefectDojoEventInput,
  type DefectDojoSettingsInput,
  type DefectDojoState,
} from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { defectdojoScenarioArb } from '../../src/testing/index.js';
import { fc } from '@fast-check/vitest';
import { effectIdsFollowTheRule } from '../plextrac/spec-properties.js';

const create = (patch: Record<string, unknown> = {}, settings?: DefectDojoSettingsInput): DefectDojoState =>
  unwrap(
    defectdojo.create(
      { type: 'create', id: '42', at: '2024-03-01T10:00:00Z', productId: 139, name: 'Q1 pentest', targetStart: '2024-03-10', targetEnd: '2024-03-15', lead: 7, ...patch } as DefectDojoEventInput,
      settings ? { settings } : undefined,
    ),
  ).state;
const apply = (state: DefectDojoState, event: Record<string, unknown>, settings?: DefectDojoSettingsInput) =>
  unwrap(defectdojo.apply(state, event as DefectDojoEventInput, settings ? { settings } : undefined));
const types = (r: { effects: readonly { type: string }[] }) => r.effects.map((e) => e.type);

describe('set_jira changes exactly the parts it names', () => {
  const engagementProject = { projectKey: 'ENG' };
  const assetProject = { projectKey: 'ASSET' };
  const epic = { key: 'ENG-1' };
  const linked = create({ jira: { project: engagementProject, assetProject, epic } });

  it('only the engagement\'s project: it changes, the asset\'s project and the epic stay', () => {
    const r = apply(linked, { type: 'set_jira', at: '2024-03-02T10:00:00Z', project: { projectKey: 'NEW' } });
    expect(r.changed).toBe(true);
    expect(r.state.version).toBe(linked.version + 1);
    expect(r.state.data.jira.project?.projectKey).toBe('NEW');
    expect(r.state.data.jira.assetProject?.projectKey).toBe('ASSET'); // left out: not erased
    expect(r.state.data.jira.epic?.key).toBe('ENG-1');
  });

  it('only the asset\'s project: it changes, the engagement\'s project and the epic stay', () => {
    const r = apply(linked, { type: 'set_jira', at: '2024-03-02T10:00:00Z', assetProject: { projectKey: 'OTHER' } });
    expect(r.changed).toBe(true);
    expect(r.state.data.jira.assetProject?.projectKey).toBe('OTHER');
    expect(r.state.data.jira.project?.projectKey).toBe('ENG');
    expect(r.state.data.jira.epic?.key).toBe('ENG-1');
  });

  it('null removes a part; leaving every part out changes nothing', () => {
    const removed = apply(linked, { type: 'set_jira', at: '2024-03-02T10:00:00Z', assetProject: null });
    expect(removed.state.data.jira.assetProject).toBeNull();
    expect(removed.state.data.jira.project?.projectKey).toBe('ENG');
    const nothing = apply(linked, { type: 'set_jira', at: '2024-03-02T10:00:00Z' });
    expect(nothing.changed).toBe(false);
    expect(nothing.state.version).toBe(linked.version);
    expect(nothing.effects).toEqual([]);
  });
});

describe('upcoming notice: once, in the N days before the start date, in the tenant zone', () => {
  // New York: 00:00 on 2024-03-07 is 05:00Z (daylight saving begins later, on 10 March at 02:00).
  const settings = { timeZone: 'America/New_York', upcomingDays: 3 } as const;

  it('is sent by a clock at exactly 00:00 of the day N days before the start, not a millisecond earlier', () => {
    const e = create({}, settings);
    expect(types(apply(e, { type: 'clock', at: '2024-03-07T04:59:59.999Z' }, settings))).not.toContain('upcoming_engagement');
    expect(types(apply(e, { type: 'clock', at: '2024-03-07T05:00:00.000Z' }, settings))).toContain('upcoming_engagement');
  });

  it('is no longer sent from 00:00 of the start day: the start date is not ahead any more', () => {
    const e = create({}, settings);
    expect(types(apply(e, { type: 'clock', at: '2024-03-10T04:59:59.999Z' }, settings))).toContain('upcoming_engagement');
    expect(types(apply(e, { type: 'clock', at: '2024-03-10T05:00:00.000Z' }, settings))).not.toContain('upcoming_engagement');
  });
});

describe('overdue: moving the end date makes an overdue engagement due again', () => {
  // Interactive, grace 0: overdue from 00:00 of the day after target_end (DefectDojo: target_end < today).
  it('engagement_expired is sent once for the old end date, and again for the new one when that passes too', () => {
    const e = create({ targetStart: '2024-03-04', targetEnd: '2024-03-08' });
    const expired = apply(e, { type: 'clock', at: '2024-03-09T00:00:00Z' });
    expect(types(expired)).toContain('engagement_expired');
    expect(expired.state.data.clock.overdue).toBe(true);
    expect(types(apply(expired.state, { type: 'clock', at: '2024-03-09T12:00:00Z' }))).not.toContain('engagement_expired');

    const moved = apply(expired.state, { type: 'edit', at: '2024-03-10T00:00:00Z', targetEnd: '2024-03-20' });
    expect(moved.state.data.clock.overdue).toBe(false);
    // The store's sweep finds it by its due instant: it must be due again by the new date's expiry.
    const due = unwrap(defectdojo.nextDue(moved.state)).due;
    expect(due).not.toBeNull();
    expect(Date.parse(String(due))).toBeLessThanOrEqual(Date.parse('2024-03-21T00:00:00Z'));
    expect(types(apply(moved.state, { type: 'clock', at: '2024-03-20T23:59:59Z' }))).not.toContain('engagement_expired');
    const again = apply(moved.state, { type: 'clock', at: '2024-03-21T00:00:00Z' });
    expect(types(again)).toContain('engagement_expired');
    expect(again.state.data.clock.overdue).toBe(true);
  });
});

describe('settings are read on every call', () => {
  it('a mutable settings object changed between two calls takes effect (no cache keeps the old rules)', () => {
    const settings: { timeZone: string; upcomingDays: number } = { timeZone: 'UTC', upcomingDays: 1 };
    const e = create({}, settings);
    // 2024-03-07: three days before the start on 2024-03-10.
    expect(types(apply(e, { type: 'clock', at: '2024-03-07T12:00:00Z' }, settings))).not.toContain('upcoming_engagement');
    settings.upcomingDays = 3;
    expect(types(apply(e, { type: 'clock', at: '2024-03-07T12:00:00Z' }, settings))).toContain('upcoming_engagement');
  });
});

describe('refusals say what was wrong and where', () => {
  it('an edit putting the start after the end names the engagement and both dates in details', () => {
    const r = defectdojo.apply(create(), { type: 'edit', at: '2024-03-02T10:00:00Z', targetStart: '2024-03-20' } as DefectDojoEventInput);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.message).toContain(DATE_ORDER_MESSAGE);
    expect(r.error.details).toEqual({ engagementId: '42', targetStart: '2024-03-20', targetEnd: '2024-03-15' });
  });

  const form = { productId: 1, targetStart: '2024-03-04', targetEnd: '2024-03-08', status: 'Not Started' };
  const messages = (r: { ok: boolean; error?: { issues?: readonly { message: string }[] } }) => (r.ok ? [] : (r.error?.issues ?? []).map((i) => i.message));

  it('a too-long tag is named by its position and measured in characters', () => {
    const r = newEngagement({ ...form, tags: ['web', 'pci', 'x'.repeat(101)] } as never);
    expect(messages(r as never)).toContain('tags[2] is too long: shorten it to at most 100 characters');
  });

  it('a nested Jira field is named by its full path', () => {
    const r = newEngagement({ ...form, jira: { project: { projectKey: '' } } } as never);
    expect(messages(r as never).some((m) => m.startsWith('jira.project.projectKey is empty'))).toBe(true);
  });

  it('an edit form names its wrong field too', () => {
    const r = editEngagement(create(), { tags: ['ok', 'y'.repeat(101)] } as never);
    expect(messages(r as never)).toContain('tags[1] is too long: shorten it to at most 100 characters');
  });
});

describe('effect ids', () => {
  it('are <lifecycle>:<engagement>:<version>:<type>[:n], the version counting changes; a redelivery repeats them', () => {
    fc.assert(effectIdsFollowTheRule(defectdojo, 'defectdojo', defectdojoScenarioArb()), { numRuns: 100 });
  }, 60_000);
});

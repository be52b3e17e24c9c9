/**
 * The Jira rules of `src/defectdojo/lifecycle/jira.ts` and of the `set_jira` event, stated from DefectDojo's
 * `JIRA_Project` (every field optional, "not set" meaning inherit from the asset; a key, a template or an
 * assignee is never empty text; an epic is a non-empty Jira key with an optional id) and from its
 * `close_epic` (only when epic mapping is on, for the engagement's own or its asset's project, and an epic is linked).
 */
import { describe, expect, it } from 'vitest';
import {
  engagementJiraSchema,
  jiraEpicSchema,
  jiraProjectSettingsSchema,
  shouldCloseEpic,
  type DefectDojoEventInput,
  type JiraProjectSettings,
} from '../../src/defectdojo/index.js';
import { apply, create } from './helpers.js';

const UNSET: JiraProjectSettings = { projectKey: null, issueTemplate: null, customFields: null, labels: null, defaultAssignee: null, epicMapping: null };
const at = '2024-03-02T09:00:00Z';

describe('Jira project settings: what a JIRA_Project accepts', () => {
  it('an empty object is "nothing set here": every field null', () => {
    expect(jiraProjectSettingsSchema.parse({})).toEqual(UNSET);
  });

  // [field, a value DefectDojo stores, values it refuses]
  const table: [keyof JiraProjectSettings, unknown, unknown[]][] = [
    ['projectKey', 'APP', ['', 5, true]],
    ['issueTemplate', 'jira_full/jira-epic.tpl', ['', 5]],
    ['customFields', { priority: { name: 'High' } }, ['High', ['x'], 5]],
    ['labels', ['pentest', 'q1'], ['pentest', [5], { a: 'b' }]],
    ['defaultAssignee', 'alice', ['', 5]],
    ['epicMapping', false, ['yes', 1, 0]],
  ];
  it.each(table)('%s: stored as given, null allowed, wrong values refused', (field, good, bad) => {
    expect(jiraProjectSettingsSchema.parse({ [field]: good })).toEqual({ ...UNSET, [field]: good });
    expect(jiraProjectSettingsSchema.parse({ [field]: null })).toEqual(UNSET);
    for (const value of bad) expect(jiraProjectSettingsSchema.safeParse({ [field]: value }).success, `${field}: ${JSON.stringify(value)}`).toBe(false);
  });

  it('an unknown setting is refused, not dropped', () => {
    expect(jiraProjectSettingsSchema.safeParse({ projectKey: 'APP', component: 'web' }).success).toBe(false);
  });
});

describe('the Jira epic and the engagement\'s Jira side', () => {
  it('an epic is a non-empty key with an optional non-empty id', () => {
    expect(jiraEpicSchema.parse({ key: 'APP-12' })).toEqual({ key: 'APP-12', id: null });
    expect(jiraEpicSchema.parse({ key: 'APP-12', id: '10042' })).toEqual({ key: 'APP-12', id: '10042' });
    for (const bad of [{}, { key: '' }, { key: 'APP-12', id: '' }, { key: 'APP-12', url: 'x' }, { key: 12 }]) {
      expect(jiraEpicSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('an engagement with nothing said about Jira has no project, no asset project and no epic', () => {
    expect(engagementJiraSchema.parse({})).toEqual({ project: null, assetProject: null, epic: null });
    expect(create().data.jira).toEqual({ project: null, assetProject: null, epic: null });
    expect(engagementJiraSchema.safeParse({ project: null, jiraUrl: 'x' }).success).toBe(false);
  });
});

describe('shouldCloseEpic: DefectDojo close_epic', () => {
  const on = { ...UNSET, projectKey: 'APP', epicMapping: true };
  const off = { ...UNSET, projectKey: 'APP', epicMapping: false };
  const unset = { ...UNSET, projectKey: 'APP' };
  const epic = { key: 'APP-1', id: null };
  // [engagement's project, asset's project, epic, closes?]
  const table: [string, JiraProjectSettings | null, JiraProjectSettings | null, typeof epic | null, boolean][] = [
    ['own mapping on, epic linked', on, null, epic, true],
    ['asset mapping on, epic linked', null, on, epic, true],
    ['own unset inherits the asset\'s on', unset, on, epic, true],
    ['own off overrides the asset\'s on', off, on, epic, false],
    ['own on overrides the asset\'s off', on, off, epic, true],
    ['mapping set nowhere is off', unset, unset, epic, false],
    ['no project at all', null, null, epic, false],
    ['mapping on but no epic', on, on, null, false],
  ];
  it.each(table)('%s', (_name, project, assetProject, ep, expected) => {
    expect(shouldCloseEpic({ project, assetProject, epic: ep })).toBe(expected);
  });

  it('a value that is not an engagement\'s Jira side is refused with a typed error naming the function', () => {
    for (const junk of [null, 5, { project: 5 }, { epic: { key: '' } }]) {
      expect(() => shouldCloseEpic(junk as never)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('Invalid argument "jira" of shouldCloseEpic') }));
    }
  });
});

describe('set_jira: each part changes alone; a part left out is kept, null removes it', () => {
  const own = { ...UNSET, projectKey: 'OWN' };
  const asset = { ...UNSET, projectKey: 'ASSET', epicMapping: true };
  const epic = { key: 'OWN-7', id: '700' };
  const start = () => apply(create(), { type: 'set_jira', at, project: { projectKey: 'OWN' }, assetProject: { projectKey: 'ASSET', epicMapping: true }, epic } as DefectDojoEventInput).state;

  it('all three given are all set', () => {
    expect(start().data.jira).toEqual({ project: own, assetProject: asset, epic });
  });

  const cases: [string, Record<string, unknown>, object][] = [
    ['only the engagement\'s project', { project: { projectKey: 'NEW' } }, { project: { ...UNSET, projectKey: 'NEW' }, assetProject: asset, epic }],
    ['only the asset\'s project', { assetProject: { projectKey: 'NEWA' } }, { project: own, assetProject: { ...UNSET, projectKey: 'NEWA' }, epic }],
    ['only the epic', { epic: { key: 'OWN-8' } }, { project: own, assetProject: asset, epic: { key: 'OWN-8', id: null } }],
    ['the engagement\'s project removed', { project: null }, { project: null, assetProject: asset, epic }],
    ['the asset\'s project removed', { assetProject: null }, { project: own, assetProject: null, epic }],
    ['the epic removed', { epic: null }, { project: own, assetProject: asset, epic: null }],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    const r = apply(start(), { type: 'set_jira', at, ...patch } as DefectDojoEventInput);
    expect(r.state.data.jira).toEqual(expected);
  });

  it('a set_jira that changes nothing leaves the engagement as it was', () => {
    const s = start();
    const r = apply(s, { type: 'set_jira', at } as DefectDojoEventInput);
    expect(r.state.data.jira).toEqual(s.data.jira);
    expect(r.state.data).toEqual(s.data);
  });

  it('a set_jira that sends the settings in force again, as new objects, changes nothing and keeps the version', () => {
    const s = start();
    const again = { type: 'set_jira', at, project: { projectKey: 'OWN' }, assetProject: { projectKey: 'ASSET', epicMapping: true }, epic: { ...epic } } as DefectDojoEventInput;
    const r = apply(s, again);
    expect(r.changed).toBe(false);
    expect(r.state).toBe(s);
    expect(r.effects).toEqual([]);
    // One field new, the others sent again: only that field is replaced, the others keep their stored objects.
    const one = apply(s, { ...again, epic: { key: 'OWN-8' } } as DefectDojoEventInput);
    expect(one.changed).toBe(true);
    expect(one.state.data.jira.project).toBe(s.data.jira.project);
    expect(one.state.data.jira.assetProject).toBe(s.data.jira.assetProject);
    expect(one.state.data.jira.epic).toEqual({ key: 'OWN-8', id: null });
  });

  it('the new settings decide close: an epic closes on close only while mapping is on', () => {
    const closeEpic = (s: ReturnType<typeof start>) =>
      apply(s, { type: 'close', at: '2024-03-03T09:00:00Z' } as DefectDojoEventInput).effects.some((e) => e.type === 'jira_close_epic');
    expect(closeEpic(start())).toBe(true);
    const offAgain = apply(start(), { type: 'set_jira', at, assetProject: { projectKey: 'ASSET', epicMapping: false } } as DefectDojoEventInput).state;
    expect(closeEpic(offAgain)).toBe(false);
  });
});

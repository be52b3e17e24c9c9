/**
 * The engagement form's messages (`newEngagement`, `editEngagement`), as `docs/defectdojo-aggregate.md` promises
 * them: every problem at its field's path, saying what to give instead. Written for the survivors of mutation
 * testing on `src/defectdojo/aggregate/validation.ts`; each expectation is the documented wording or what a user
 * must be told (a date field asks for YYYY-MM-DD, a flag for true or false), not a copy of the module's tables.
 */
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

type Issue = { path: string; message: string };
const issuesOf = (r: unknown): Issue[] => {
  const res = r as { ok: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
  return res.ok ? [] : res.error!.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
};
const messageAt = (r: unknown, path: string): string => {
  const found = issuesOf(r).filter((i) => i.path === path);
  expect(found, `one issue at ${path}`).toHaveLength(1);
  return found[0]!.message;
};

describe('each field says what to give', () => {
  // A value of the wrong type for each field, and what the message must ask for instead.
  const wrongType: [field: string, asks: RegExp][] = [
    ['at', /^at .*ISO 8601/],
    ['id', /^id .*non-empty text.*id generator/],
    ['actor', /^actor .*user's id/],
    ['productId', /^productId .*asset/],
    ['targetStart', /^targetStart .*first day.*YYYY-MM-DD/],
    ['targetEnd', /^targetEnd .*last day.*YYYY-MM-DD.*not before the start/],
    ['engagementType', /^engagementType .*"Interactive" or "CI\/CD"/],
    ['name', /^name .*start date/],
    ['lead', /^lead .*user id of the engagement's lead, or null/],
    ['firstContacted', /^firstContacted .*YYYY-MM-DD.*, or null$/],
    ['tracker', /^tracker .*full URL.*or null/],
    ['testStrategy', /^testStrategy .*full URL.*or null/],
    ['sourceCodeManagementUri', /^sourceCodeManagementUri .*full URL.*or null/],
    ['tags', /^tags .*list of tags.*at most 100 characters/],
    ['jira', /^jira .*Jira settings.*project.*assetProject.*epic/],
    ...['requester', 'preset', 'reportType', 'buildServer', 'sourceCodeManagementServer', 'orchestrationEngine'].map(
      (f): [string, RegExp] => [f, new RegExp(`^${f} .*an id \\(text, or a DefectDojo integer id\\), or null`)],
    ),
    ...['threatModel', 'apiTest', 'penTest', 'checkList', 'doneTesting', 'deduplicationOnEngagement'].map(
      (f): [string, RegExp] => [f, new RegExp(`^${f} has the wrong type: give true or false$`)],
    ),
    ['description', /^description has the wrong type: give text, or null$/],
  ];

  it.each(wrongType)('%s', (field, asks) => {
    const value = field === 'tags' ? 'pci' : field === 'jira' ? 'ENG' : field === 'name' ? 5 : field.match(/Test$|^threat|^check|^done|^dedup/) ? 'yes' : {};
    expect(messageAt(newEngagement({ ...form, [field]: value } as never), field)).toMatch(asks);
  });

  it('the status names DefectDojo\'s eight statuses', () => {
    const message = messageAt(newEngagement({ ...form, status: 'Done' } as never), 'status');
    for (const s of ['Not Started', 'Blocked', 'Cancelled', 'Completed', 'In Progress', 'On Hold', 'Scheduled', 'Waiting for Resource']) {
      expect(message).toContain(`"${s}"`);
    }
  });
});

describe('what is wrong, in words', () => {
  it('a field given as null where a value is required is "required", naming the choices', () => {
    expect(messageAt(newEngagement({ ...form, status: null } as never), 'status')).toMatch(/^status is required: choose one of "Not Started"/);
  });

  it('a wrong value is quoted as given', () => {
    expect(messageAt(newEngagement({ ...form, engagementType: 'Manual' } as never), 'engagementType')).toBe(
      'engagementType cannot be "Manual": choose "Interactive" or "CI/CD" (Interactive when left out)',
    );
  });

  it('an empty text is "empty", a negative id "too small", each with what to give', () => {
    expect(messageAt(newEngagement({ ...form, productId: '' } as never), 'productId')).toBe(
      'productId is empty: give the id of the asset (DefectDojo product) the engagement belongs to',
    );
    expect(messageAt(newEngagement({ ...form, lead: -1 } as never), 'lead')).toBe("lead is too small: give the user id of the engagement's lead, or null");
  });

  it('too long text says its limit in characters', () => {
    expect(messageAt(newEngagement({ ...form, version: 'v'.repeat(101) } as never), 'version')).toBe('version is too long: shorten it to at most 100 characters');
  });

  it('an unknown field is named and the user told to remove it; two unknown fields are two issues, each at its field', () => {
    const issues = issuesOf(newEngagement({ ...form, bogus: 1, other: 2 } as never));
    expect(issues).toEqual([
      { path: 'bogus', message: 'unknown field "bogus": remove it (a DefectDojo engagement has no such field; see the editable fields)' },
      { path: 'other', message: 'unknown field "other": remove it (a DefectDojo engagement has no such field; see the editable fields)' },
    ]);
  });

  it('not an object: invalid_input that asks for the engagement\'s fields, with one issue at the root', () => {
    for (const r of [newEngagement([] as never), editEngagement(create(), [] as never)]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(/expected an object with the engagement's fields/);
      expect(r.error.message).toMatch(/^Invalid (new engagement|engagement edit)/);
      expect(r.error.issues).toEqual([{ path: [], message: "expected an object with the engagement's fields", code: 'invalid_type' }]);
    }
  });
});

describe('the status and the date order', () => {
  it('an Interactive engagement without a status is refused at status; a CI/CD one given a status keeps it', () => {
    const { status: _s, ...noStatus } = form;
    expect(issuesOf(newEngagement(noStatus as never))).toEqual([{ path: 'status', message: expect.stringMatching(/^status is required: choose one of/) }]);
    expect(issuesOf(newEngagement({ ...noStatus, engagementType: 'Interactive' } as never)).map((i) => i.path)).toEqual(['status']);
    expect(unwrap(newEngagement({ ...form, engagementType: 'CI/CD', status: 'Scheduled' })).state.status).toBe('Scheduled');
  });

  it('the date order is reported once per date field, also beside other problems and without a status', () => {
    const { status: _s, ...noStatus } = form;
    const issues = issuesOf(newEngagement({ ...noStatus, targetStart: '2024-03-09' } as never));
    expect(issues.filter((i) => i.message === DATE_ORDER_MESSAGE).map((i) => i.path)).toEqual(['targetStart', 'targetEnd']);
    expect(issues.map((i) => i.path).sort()).toEqual(['status', 'targetEnd', 'targetStart']);
  });

  it('beside a wrong-typed field: start after end is still reported; equal dates, or a date that is not valid, are not', () => {
    // A value of the wrong type does not stop the create event's date check; a malformed date has no order.
    const wrong = { ...form, penTest: 'yes' } as never;
    const paths = (patch: Record<string, unknown>) =>
      issuesOf(newEngagement({ ...(wrong as object), ...patch } as never)).map((i) => `${i.path}${i.message === DATE_ORDER_MESSAGE ? ' (order)' : ''}`).sort();
    expect(paths({ targetStart: '2024-03-09' })).toEqual(['penTest', 'targetEnd (order)', 'targetStart (order)']);
    expect(paths({ targetStart: '2024-03-08' })).toEqual(['penTest']);
    expect(paths({ targetStart: '2024-03-09', targetEnd: '2024-02-30' })).toEqual(['penTest', 'targetEnd']);
    expect(paths({ targetStart: '2024-13-09', targetEnd: '2024-03-01' })).toEqual(['penTest', 'targetStart']);
  });

  it('a valid form creates the engagement with what was given', () => {
    const s = unwrap(newEngagement({ ...form, name: 'Q1', lead: 7 })).state;
    expect(s).toMatchObject({ id: '42', status: 'Not Started', data: { name: 'Q1', productId: '139', lead: '7', targetStart: '2024-03-04', targetEnd: '2024-03-08' } });
  });

  it('an edit that is valid applies; one with a wrong field names it', () => {
    expect(unwrap(editEngagement(create(), { at: '2024-03-02T00:00:00Z', description: 'scope' })).state.data.description).toBe('scope');
    expect(messageAt(editEngagement(create(), { at: '2024-03-02T00:00:00Z', tracker: 'nope' } as never), 'tracker')).toBe(
      'tracker is not valid: give a full URL such as https://example.com/path, or null',
    );
  });
});

describe('what the form refuses, and under which name', () => {
  it('null, text and a number are not objects: one issue at the root asking for the engagement\'s fields', () => {
    for (const input of [null, 'Q1 pentest', 42]) {
      for (const r of [newEngagement(input as never), editEngagement(create(), input as never)]) {
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.issues).toEqual([{ path: [], message: "expected an object with the engagement's fields", code: 'invalid_type' }]);
      }
    }
  });

  it('a form whose field throws when read is refused, naming the function the caller called', () => {
    const throwing = () => Object.defineProperty({}, 'name', { enumerable: true, get: () => { throw new Error('boom'); } }) as never;
    const created = newEngagement(throwing());
    expect(created.ok).toBe(false);
    expect(!created.ok && [created.error.code, created.error.message]).toEqual(['invalid_input', 'Invalid input to newEngagement: reading it threw (Error: boom)']);
    const edited = editEngagement(create(), throwing());
    expect(edited.ok).toBe(false);
    expect(!edited.ok && [edited.error.code, edited.error.message]).toEqual(['invalid_input', 'Invalid input to editEngagement: reading it threw (Error: boom)']);
  });

  it('a field problem is reported as an invalid new engagement, or an invalid engagement edit', () => {
    const created = newEngagement({ ...form, tracker: 'nope' } as never);
    expect(!created.ok && created.error.message).toMatch(/^Invalid new engagement\b/);
    const edited = editEngagement(create(), { at: '2024-03-02T00:00:00Z', tracker: 'nope' } as never);
    expect(!edited.ok && edited.error.message).toMatch(/^Invalid engagement edit\b/);
  });

  it('a missing status is a custom issue (the form requires it; the lifecycle does not)', () => {
    const { status: _s, ...noStatus } = form;
    const r = newEngagement(noStatus as never);
    expect(!r.ok && r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['status', 'custom']]);
  });
});

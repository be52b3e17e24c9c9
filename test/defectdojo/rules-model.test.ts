/**
 * Rules of a DefectDojo engagement's data and of the questions a host asks about it, each stated from DefectDojo's
 * model and docs (field lengths of `dojo/engagement/models.py`, the tag field's lower case, the write policy, the
 * `close_epic` task) rather than read back from the code. Mutation testing of `src/defectdojo/lifecycle/` asked
 * for them (docs/testing.md).
 */
import { describe, expect, it } from 'vitest';
import { canWrite, CLOSED_STATUSES, defectdojo, isClosedStatus, isOverdue, normaliseTags, overdueText, relativeDelta, type DefectDojoEventInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { utcCalendarDay, type CalendarDate } from '../../src/index.js';
import { thrownCode, thrownMessage, trap } from '../fuzz/refusals.js';
import { apply, create, inStatus, run } from './helpers.js';

/** A copy of a library-made state, as a host reads it back from storage: checked in full when parsed. */
const stored = (state: DefectDojoState, data: Record<string, unknown> = {}): unknown => {
  const copy = JSON.parse(JSON.stringify(state)) as { data: Record<string, unknown> };
  return { ...copy, data: { ...copy.data, ...data } };
};

describe("a stored engagement's data keeps DefectDojo's field lengths", () => {
  // dojo/engagement/models.py: CharField(max_length=…) of each text field.
  const lengths = [
    ['name', 300],
    ['description', 2000],
    ['version', 100],
    ['reason', 2000],
    ['progress', 100],
    ['tmodelPath', 1000],
    ['buildId', 150],
    ['commitHash', 150],
    ['branchTag', 150],
    ['sourceCodeManagementUri', 600],
  ] as const;

  it.each(lengths)('%s: one character and %i characters are kept, one more is refused at that field', (field, max) => {
    const s = create();
    for (const value of ['x', 'x'.repeat(max)]) expect(defectdojo.safeParseState(stored(s, { [field]: value })).ok, `${field} of ${value.length}`).toBe(true);
    const r = defectdojo.safeParseState(stored(s, { [field]: 'x'.repeat(max + 1) }));
    expect(!r.ok && r.error.code).toBe('invalid_input');
    expect(!r.ok && r.error.issues.map((i) => i.path.join('.'))).toEqual([`data.${field}`]);
  });

  it('a new engagement has no clock marks yet, and its data reads back as stored data', () => {
    const s = create();
    expect(s.data.clock).toStrictEqual({ overdue: false, upcomingFor: null, staleFor: null, expiredFor: null });
    expect(defectdojo.safeParseState(stored(s)).ok).toBe(true);
  });

  it('the asset id and the user references are ids of any length, never empty', () => {
    const s = create();
    for (const field of ['productId', 'lead', 'requester', 'preset', 'reportType', 'buildServer', 'sourceCodeManagementServer', 'orchestrationEngine']) {
      expect(defectdojo.safeParseState(stored(s, { [field]: '12345' })).ok, field).toBe(true);
      const r = defectdojo.safeParseState(stored(s, { [field]: '' }));
      expect(!r.ok && r.error.issues.map((i) => i.path.join('.')), field).toEqual([`data.${field}`]);
    }
  });
});

describe('an edit sets the fields DefectDojo keeps, within their lengths', () => {
  const edit = (patch: Record<string, unknown>) => ({ type: 'edit', at: '2024-03-02T10:00:00Z', ...patch }) as DefectDojoEventInput;

  it.each([
    ['version', 'version', 100],
    ['engagementReason', 'reason', 2000],
    ['branchTag', 'branchTag', 150],
    ['buildId', 'buildId', 150],
    ['commitHash', 'commitHash', 150],
    ['description', 'description', 2000],
  ] as const)('%s (the data\'s %s): a short value and %i characters are set, one more is refused', (field, dataField, max) => {
    const s = create();
    expect(apply(s, edit({ [field]: 'v1' })).state.data[dataField]).toBe('v1');
    expect(apply(s, edit({ [field]: 'x'.repeat(max) })).state.data[dataField]).toHaveLength(max);
    expect(defectdojo.apply(s, edit({ [field]: 'x'.repeat(max + 1) })).ok).toBe(false);
  });

  it('a field given as undefined is left as it is', () => {
    const s = create({ description: 'kept' });
    const r = apply(s, edit({ description: undefined, version: '2' }));
    expect(r.state.data.description).toBe('kept');
    expect(Object.keys(r.state.data)).toEqual(Object.keys(s.data));
    expect(apply(s, edit({ description: undefined })).changed).toBe(false);
  });

  it('a value equal to the stored one changes nothing; tags are compared as DefectDojo keeps them', () => {
    const s = create({ tags: ['pci', 'web'], description: 'same' });
    for (const patch of [{ description: 'same' }, { tags: ['PCI', ' web ', 'pci'] }, { tags: ['pci', 'web'] }]) {
      const r = apply(s, edit(patch));
      expect(r.changed, JSON.stringify(patch)).toBe(false);
      expect(r.state).toBe(s);
    }
    const changed = apply(s, edit({ tags: ['web', 'pci'] }));
    expect(changed.changed).toBe(true);
    expect(changed.state.data.tags).toEqual(['web', 'pci']);
  });
});

describe('normaliseTags: trimmed, lower-cased, each once, empty ones dropped', () => {
  it('keeps the first spelling\'s place and drops tags that are empty once trimmed', () => {
    expect(normaliseTags([' A ', '', '   ', 'a', 'B', 'b '])).toEqual(['a', 'b']);
    expect(normaliseTags([])).toEqual([]);
    expect(Object.isFrozen(normaliseTags(['x']))).toBe(true);
  });

  it('refuses what is not an array of strings, saying what to give', () => {
    expect(thrownMessage(() => normaliseTags('pci' as never))).toBe('Invalid argument "tags" of normaliseTags: expected an array of strings, got "pci"');
    expect(thrownCode(() => normaliseTags(['ok', 7] as never))).toBe('invalid_input');
    expect(thrownMessage(() => normaliseTags(['ok', 7] as never))).toBe('Invalid argument "tags" of normaliseTags: expected an array of strings, got 7');
  });

  it('names itself when reading the tags throws', () => {
    const tags = new Proxy(['a'], { get(target, key) { if (key === Symbol.iterator) throw new Error('trap'); return Reflect.get(target, key); } });
    expect(thrownMessage(() => normaliseTags(tags))).toBe('Invalid input to normaliseTags: reading it threw (Error: trap)');
  });
});

describe('the write policy, in words', () => {
  const closed = { writePolicy: 'closed-when-completed' } as const;
  it('says which write was refused, why, and how to go on; the details name the engagement, status, write and policy', () => {
    const s = inStatus('Completed', {}, closed);
    const words = { add_test: 'add a test to', import_scan: 'import a scan into' } as const;
    for (const operation of ['add_test', 'import_scan'] as const) {
      const r = canWrite(s, operation, closed);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toBe(
        `Cannot ${words[operation]} engagement "42": it is Completed, and the write policy "closed-when-completed" forbids writes into completed engagements. Reopen it first.`,
      );
      expect(r.error.details).toEqual({ engagementId: '42', status: 'Completed', operation, writePolicy: 'closed-when-completed' });
    }
  });

  it('an unknown write is named, with the writes there are; wrong settings are refused as settings', () => {
    const s = create();
    const bad = canWrite(s, 'delete' as never);
    expect(!bad.ok && bad.error.message).toBe('Unknown write operation "delete": expected add_test or import_scan');
    const settings = canWrite(s, 'add_test', { upcomingDays: -1 });
    expect(!settings.ok && settings.error.code).toBe('invalid_input');
    expect(!settings.ok && settings.error.message).toBe('Invalid settings:\n✖ a day count cannot be negative\n  → at upcomingDays');
  });
});

describe('isOverdue and overdueText refuse what they cannot read', () => {
  it('isOverdue: a state of another lifecycle, wrong settings, a text that is not an instant', () => {
    const s = stored(create()) as DefectDojoState;
    expect(thrownCode(() => isOverdue({} as never, '2024-01-01T00:00:00Z'))).toBe('lifecycle_mismatch');
    expect(thrownMessage(() => isOverdue(s, '2024-01-01T00:00:00Z', { upcomingDays: -1 }))).toBe('Invalid settings:\n✖ a day count cannot be negative\n  → at upcomingDays');
    expect(thrownCode(() => isOverdue(s, 'soon' as never))).toBe('invalid_input');
    expect(thrownMessage(() => isOverdue(s, 'soon' as never)).startsWith('Invalid instant:\n')).toBe(true);
  });

  it('overdueText names itself when reading an argument throws', () => {
    expect(thrownMessage(() => overdueText('2024-01-01', trap() as never))).toBe('Invalid input to overdueText: reading it threw (Error: trap)');
  });
});

describe('relativeDelta counts whole months first, as Python\'s relativedelta', () => {
  it.each([
    ['2023-01-31', '2024-03-01', { years: 1, months: 1, days: 1 }],
    // Adding months clamps to the month's last day: Feb 29 + 12 months is Feb 28, Jan 31 + 1 month is Feb 29.
    ['2024-02-29', '2025-02-28', { years: 1, months: 0, days: 0 }],
    ['2024-01-31', '2024-02-29', { years: 0, months: 1, days: 0 }],
    ['2024-01-31', '2024-02-28', { years: 0, months: 0, days: 28 }],
    ['2020-12-15', '2024-01-14', { years: 3, months: 0, days: 30 }],
    ['2024-03-08', '2024-03-09', { years: 0, months: 0, days: 1 }],
  ])('%s → %s', (earlier, later, delta) => {
    expect(relativeDelta(earlier as CalendarDate, later as CalendarDate)).toEqual(delta);
  });
});

describe('the closed statuses and the UTC calendar day', () => {
  it('Completed and Cancelled are the closed statuses, in that order', () => {
    expect(CLOSED_STATUSES).toEqual(['Completed', 'Cancelled']);
    expect(isClosedStatus('Completed') && isClosedStatus('Cancelled') && !isClosedStatus('On Hold')).toBe(true);
  });

  it('utcCalendarDay names itself and the argument when the date does not exist', () => {
    expect(thrownMessage(() => utcCalendarDay('2023-02-29'))).toBe('Invalid argument "date" of utcCalendarDay: expected a calendar date that exists, got "2023-02-29"');
    expect(utcCalendarDay('2024-02-29').getTime()).toBe(Date.UTC(2024, 1, 29));
  });
});

describe("closing an engagement closes its Jira epic (DefectDojo's close_epic task)", () => {
  const close = (state: DefectDojoState) => apply(state, { type: 'close', at: '2024-03-05T00:00:00Z' }).effects.filter((e) => e.type === 'jira_close_epic');
  const withJira = (jira: Record<string, unknown>) => run(inStatus('In Progress'), [{ type: 'set_jira', at: '2024-03-02T00:00:00Z', ...jira } as DefectDojoEventInput]);

  it('with epic mapping on and no epic linked, there is nothing to close', () => {
    expect(close(withJira({ project: { projectKey: 'SEC', epicMapping: true } }))).toEqual([]);
  });

  it("the project key is the engagement's, else the asset's, else null", () => {
    expect(close(withJira({ project: { projectKey: 'SEC', epicMapping: true }, assetProject: { projectKey: 'ASSET' }, epic: { key: 'SEC-1' } }))).toMatchObject([{ epicKey: 'SEC-1', projectKey: 'SEC' }]);
    expect(close(withJira({ assetProject: { projectKey: 'ASSET', epicMapping: true }, epic: { key: 'ASSET-1' } }))).toMatchObject([{ epicKey: 'ASSET-1', projectKey: 'ASSET' }]);
    expect(close(withJira({ project: { epicMapping: true }, epic: { key: 'X-1' } }))).toMatchObject([{ epicKey: 'X-1', projectKey: null }]);
  });
});

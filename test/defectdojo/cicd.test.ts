import { describe, expect, it } from 'vitest';
import {
  INCONSISTENT_IDENTIFIERS_MESSAGE,
  adHocImportEngagement,
  adHocImportName,
  autoCreateEngagement,
  ciCdTargetEnd,
  defectdojo,
  findImportEngagement,
  importTarget,
  type DefectDojoState,
} from '../../src/defectdojo/index.js';
import { isLifecycleError, unwrap } from '../../src/index.js';
import { apply, create } from './helpers.js';

describe('ciCdTargetEnd: today + 365 days unless a given end date is today or later', () => {
  it('exactly 365 days, not one calendar year: across Feb 29 of a leap year it lands a day short of the anniversary', () => {
    expect(ciCdTargetEnd('2024-01-10')).toBe('2025-01-09');
    expect(ciCdTargetEnd('2024-02-29')).toBe('2025-02-28');
    expect(ciCdTargetEnd('2023-03-01')).toBe('2024-02-29');
    expect(ciCdTargetEnd('2023-01-10')).toBe('2024-01-10');
  });
  it('a given end date today or later is kept; one in the past is replaced silently', () => {
    expect(ciCdTargetEnd('2024-03-10', '2024-03-10')).toBe('2024-03-10');
    expect(ciCdTargetEnd('2024-03-10', '2024-06-30')).toBe('2024-06-30');
    expect(ciCdTargetEnd('2024-03-10', '2024-03-09')).toBe('2025-03-10');
    expect(ciCdTargetEnd('2024-03-10', null)).toBe('2025-03-10');
  });
  it('throws only LifecycleError on bad dates', () => {
    expect(() => ciCdTargetEnd('2024-02-30' as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('autoCreateEngagement (import with auto_create_context)', () => {
  it('CI/CD, In Progress, today … today + 365, the importer as lead, model defaults for the rest', () => {
    const r = unwrap(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', id: '5', productId: 139, name: 'ci-main', lead: 3, deduplicationOnEngagement: true, sourceCodeManagementUri: 'https://git.example.com/app' }));
    expect(r.state.status).toBe('In Progress');
    expect(r.state.data).toMatchObject({
      engagementType: 'CI/CD',
      name: 'ci-main',
      productId: '139',
      lead: '3',
      targetStart: '2024-01-10',
      targetEnd: '2025-01-09',
      active: true,
      threatModel: true,
      apiTest: true,
      penTest: true,
      checkList: true,
      deduplicationOnEngagement: true,
      sourceCodeManagementUri: 'https://git.example.com/app',
    });
    expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_added']);
  });
  it('the given engagement end date when it is today or later', () => {
    expect(unwrap(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', id: '5', productId: 1, name: 'x', engagementEndDate: '2024-01-10' })).state.data.targetEnd).toBe('2024-01-10');
    expect(unwrap(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', id: '5', productId: 1, name: 'x', engagementEndDate: '2023-12-31' })).state.data.targetEnd).toBe('2025-01-09');
  });
  it('"today" is the tenant\'s, not the machine\'s nor UTC\'s', () => {
    const at = '2024-02-28T20:00:00Z';
    const tokyo = unwrap(autoCreateEngagement({ at, id: '5', productId: 1, name: 'x' }, { settings: { timeZone: 'Asia/Tokyo' } })).state.data;
    expect([tokyo.targetStart, tokyo.targetEnd]).toEqual(['2024-02-29', '2025-02-28']);
    const utc = unwrap(autoCreateEngagement({ at, id: '5', productId: 1, name: 'x' })).state.data;
    expect([utc.targetStart, utc.targetEnd]).toEqual(['2024-02-28', '2025-02-27']);
  });
  it('an empty engagement name becomes the start date; ids come from the generator when none is given', () => {
    const r = unwrap(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', productId: 1, name: '' }, { newId: () => 'gen-1' }));
    expect(r.state.id).toBe('gen-1');
    expect(r.state.data.name).toBe('2024-01-10');
  });
  it('junk is a typed error', () => {
    for (const junk of [null, {}, { at: 'yesterday', productId: 1 }, { at: '2024-01-10T12:00:00Z', productId: 1, extra: true }]) {
      const r = autoCreateEngagement(junk as never, { newId: () => 'x' });
      expect(!r.ok && r.error.code).toBe('invalid_input');
    }
    expect(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', productId: 1 }, 5 as never).ok).toBe(false);
  });
});

describe('the end-date bump on every import into a CI/CD engagement (the lifecycle\'s import_scan)', () => {
  it('target_end = max(scan date, target_end): later scans move it, earlier ones do not', () => {
    const s = unwrap(autoCreateEngagement({ at: '2024-01-10T12:00:00Z', id: '5', productId: 1, name: 'ci', engagementEndDate: '2024-01-20' })).state;
    expect(apply(s, { type: 'import_scan', at: '2024-01-25T08:00:00Z' }).state.data.targetEnd).toBe('2024-01-25');
    expect(apply(s, { type: 'import_scan', at: '2024-01-12T08:00:00Z', scanDate: '2024-01-12' }).state.data.targetEnd).toBe('2024-01-20');
  });
});

describe('adHocImportEngagement ("Import Scan Results" from an asset without engagement)', () => {
  it('DefectDojo\'s name: "AdHoc Import - " + strftime("%a, %d %b %Y %X")', () => {
    expect(adHocImportName('2024-03-10T12:00:00Z')).toBe('AdHoc Import - Sun, 10 Mar 2024 12:00:00');
    expect(adHocImportName(new Date('2024-03-10T23:30:05Z'), 'Asia/Tokyo')).toBe('AdHoc Import - Mon, 11 Mar 2024 08:30:05');
    expect(() => adHocImportName('2024-03-10' as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });
  it('the time is local even where the zone was less than an hour west of UTC (Monrovia, GMT-00:44:30 until 1972)', () => {
    // What Intl itself says the wall clock read, stated independently of the library's offsets.
    const at = '1960-01-01T00:20:00.000Z';
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Monrovia', hourCycle: 'h23', year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(at));
    expect(intl).toBe('31 Dec 1959, 23:35:30');
    expect(adHocImportName(at, 'Africa/Monrovia')).toBe('AdHoc Import - Thu, 31 Dec 1959 23:35:30');
  });
  it('Interactive, In Progress, start = end = today, the four booleans off, the form\'s build fields', () => {
    const r = unwrap(adHocImportEngagement({ at: '2024-03-10T12:00:00Z', id: '8', productId: 139, version: '1.2', branchTag: 'main', buildId: 'b-1', commitHash: 'abc' }));
    expect(r.state.status).toBe('In Progress');
    expect(r.state.data).toMatchObject({
      name: 'AdHoc Import - Sun, 10 Mar 2024 12:00:00',
      engagementType: 'Interactive',
      targetStart: '2024-03-10',
      targetEnd: '2024-03-10',
      active: true,
      lead: null,
      threatModel: false,
      apiTest: false,
      penTest: false,
      checkList: false,
      version: '1.2',
      branchTag: 'main',
      buildId: 'b-1',
      commitHash: 'abc',
    });
  });
  it('today and the name\'s time are in the tenant zone', () => {
    const r = unwrap(adHocImportEngagement({ at: '2024-03-10T23:30:00Z', id: '8', productId: 1 }, { settings: { timeZone: 'Pacific/Kiritimati' } }));
    expect(r.state.data).toMatchObject({ targetStart: '2024-03-11', targetEnd: '2024-03-11', name: 'AdHoc Import - Mon, 11 Mar 2024 13:30:00' });
  });
});

describe('findImportEngagement: by id, else by name within the product (the last one wins)', () => {
  const named = (id: string, name: string, productId = 139): DefectDojoState => create({ id, name, productId });
  const engagements = [named('7', 'nightly'), named('12', 'nightly'), named('9', 'nightly'), named('30', 'nightly', 140), named('2', 'weekly')];

  it('the last of same-named engagements in the product: the highest id, compared as DefectDojo\'s integers', () => {
    const r = unwrap(findImportEngagement(engagements, { productId: 139, engagementName: 'nightly' }));
    expect(r.engagement?.id).toBe('12');
    expect(unwrap(findImportEngagement(engagements, { productId: '140', engagementName: 'nightly' })).engagement?.id).toBe('30');
  });
  it('by id when it exists; an engagement of another product is refused with DefectDojo\'s message', () => {
    expect(unwrap(findImportEngagement(engagements, { engagementId: 9 })).engagement?.id).toBe('9');
    expect(unwrap(findImportEngagement(engagements, { engagementId: 9, productId: 139 })).engagement?.id).toBe('9');
    const r = findImportEngagement(engagements, { engagementId: 30, productId: 139, engagementName: 'nightly' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toBe(INCONSISTENT_IDENTIFIERS_MESSAGE);
      expect(r.error.message).toBe('The provided identifiers are inconsistent — the engagement does not belong to the specified product.');
    }
  });
  it('an unknown id falls back to the name; no product, no name match: none', () => {
    expect(unwrap(findImportEngagement(engagements, { engagementId: 999, productId: 139, engagementName: 'weekly' })).engagement?.id).toBe('2');
    expect(unwrap(findImportEngagement(engagements, { engagementName: 'nightly' })).engagement).toBeNull();
    expect(unwrap(findImportEngagement(engagements, { productId: 139, engagementName: 'monthly' })).engagement).toBeNull();
  });
  it('junk is a typed error', () => {
    expect(findImportEngagement('x' as never, {}).ok).toBe(false);
    expect(findImportEngagement([{}] as never, {}).ok).toBe(false);
    expect(findImportEngagement(engagements, { engagementName: 5 } as never).ok).toBe(false);
  });
});

describe('importTarget: find, or auto-create', () => {
  const existing = [create({ id: '7', name: 'nightly' })];
  it('an existing engagement is used as it is', () => {
    const r = importTarget(existing, { productId: 139, engagementName: 'nightly' });
    expect(r.ok && r.created).toBe(false);
    expect(r.ok && r.engagement).toBe(existing[0]);
  });
  it('without auto_create_context a missing engagement is not_found', () => {
    const r = importTarget(existing, { productId: 139, engagementName: 'weekly' });
    expect(!r.ok && r.error.code).toBe('not_found');
    expect(!r.ok && isLifecycleError(r.error)).toBe(true);
  });
  it('with it, a CI/CD engagement named as asked is created', () => {
    const r = importTarget(existing, { productId: 139, engagementName: 'weekly', autoCreateContext: true, at: '2024-03-10T12:00:00Z', lead: 3 }, { newId: () => '8' });
    expect(r.ok && r.created).toBe(true);
    if (r.ok) {
      expect(r.engagement).toMatchObject({ id: '8', status: 'In Progress', data: { name: 'weekly', engagementType: 'CI/CD', targetEnd: '2025-03-10' } });
      expect(r.effects.map((e) => e.type)).toEqual(['status_changed', 'engagement_added']);
      expect(defectdojo.safeParseState(r.engagement).ok).toBe(true);
    }
  });
});

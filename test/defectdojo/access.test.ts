import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { canAccessEngagement, DEFECTDOJO_ROLES, filterAccessibleEngagements } from '../../src/defectdojo/index.js';
import { ERROR_CODES, isLifecycleError } from '../../src/index.js';
import { create } from './helpers.js';

const payments = [create({ id: '1', productId: 139 }), create({ id: '2', productId: 139 })];
const billing = create({ id: '3', productId: 140 });
const all = [...payments, billing];

describe('access: an asset grant covers all its engagements; engagements have no access lists', () => {
  it('a member of the asset sees every engagement of it and none of other assets', () => {
    const grants = { assets: [{ asset: 139, role: 'Reader' as const }] };
    expect(filterAccessibleEngagements(grants, all).map((e) => e.id)).toEqual(['1', '2']);
    expect(canAccessEngagement(grants, billing)).toBe(false);
  });

  it('the role decides what: Reader views; API importer and Writer edit; Maintainer and Owner delete too', () => {
    const can = (role: (typeof DEFECTDOJO_ROLES)[number], action: 'view' | 'edit' | 'delete') =>
      canAccessEngagement({ assets: [{ asset: '139', role }] }, payments[0]!, { action });
    expect(DEFECTDOJO_ROLES.map((r) => [r, can(r, 'view'), can(r, 'edit'), can(r, 'delete')])).toEqual([
      ['Reader', true, false, false],
      ['API_Importer', true, true, false],
      ['Writer', true, true, false],
      ['Maintainer', true, true, true],
      ['Owner', true, true, true],
    ]);
  });

  it('the strongest role wins; a global role applies to every asset; a superuser may do everything', () => {
    expect(canAccessEngagement({ assets: [{ asset: 139, role: 'Reader' }, { asset: 139, role: 'Owner' }] }, payments[0]!, { action: 'delete' })).toBe(true);
    expect(filterAccessibleEngagements({ globalRole: 'Reader' }, all)).toHaveLength(3);
    expect(filterAccessibleEngagements({ globalRole: 'Reader' }, all, { action: 'edit' })).toHaveLength(0);
    expect(filterAccessibleEngagements({ superuser: true }, all, { action: 'delete' })).toHaveLength(3);
    expect(filterAccessibleEngagements({}, all)).toEqual([]);
  });

  it('an organization grant covers the assets of that organization, when their organization is known', () => {
    const grants = { organizations: [{ organization: 10, role: 'Writer' as const }] };
    expect(filterAccessibleEngagements(grants, all, { organizationOf: { '139': 10, '140': 11 } }).map((e) => e.id)).toEqual(['1', '2']);
    expect(filterAccessibleEngagements(grants, all)).toEqual([]);
  });

  it('filtering keeps the order and returns the same engagement objects', () => {
    const r = filterAccessibleEngagements({ superuser: true }, all);
    expect(r).toEqual(all);
    expect(r[0]).toBe(all[0]);
  });

  it('junk throws invalid_input (or the state\'s own error), never anything else', () => {
    expect(() => canAccessEngagement({ assets: [{ asset: 139, role: 'Admin' }] } as never, billing)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => canAccessEngagement({}, billing, { action: 'own' } as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => filterAccessibleEngagements({}, 'x' as never)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
  });

  test.prop([fc.anything(), fc.anything(), fc.anything()])('any junk: a LifecycleError or an answer', (g, e, o) => {
    for (const call of [() => canAccessEngagement(g as never, e as never, o as never), () => filterAccessibleEngagements(g as never, e as never, o as never)]) {
      try {
        call();
      } catch (error) {
        expect(isLifecycleError(error)).toBe(true);
        expect(ERROR_CODES).toContain((error as { code: string }).code);
      }
    }
  });
});

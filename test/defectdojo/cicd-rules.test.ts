/**
 * What `cicd.test.ts` leaves unpinned in DefectDojo's import rules (docs/defectdojo-aggregate.md, "CI/CD and
 * imports"): what each import form accepts, field by field at its bounds (DefectDojo's column sizes); the options
 * and request refusals in words; the inconsistent-identifiers refusal's issue and details; a name lookup needs both
 * the product and the name; and the not_found of a missing engagement with what was asked in `details`.
 */
import { describe, expect, it } from 'vitest';
import { adHocImportEngagement, adHocImportName, autoCreateEngagement, ciCdTargetEnd, findImportEngagement, importTarget } from '../../src/defectdojo/index.js';
import { instant, type LifecycleError } from '../../src/index.js';
import { create } from './helpers.js';
import { failedError, thrownError } from '../fuzz/refusals.js';

const at = instant('2024-03-10T12:00:00Z');
const auto = { at, productId: 139 };
const adHoc = { at, productId: 139 };
/** The paths of a refusal's issues, or [] for an accepted input. */
const paths = (r: { ok: boolean; error?: LifecycleError }) => (r.ok ? [] : r.error!.issues.map((i) => i.path.join('.')));

describe('ciCdTargetEnd and adHocImportName refuse in words', () => {
  it('naming their input', () => {
    expect(thrownError(() => ciCdTargetEnd('2024-02-30' as never)).message).toMatch(/^Invalid CI\/CD end date input:\n/);
    expect(thrownError(() => adHocImportName('noon' as never)).message).toMatch(/^Invalid AdHoc import name input:\n/);
    expect(thrownError(() => ciCdTargetEnd('2024-03-01' as never, { x: 1 } as never)).issues.map((i) => i.path.join('.'))).toEqual(['engagementEndDate']);
  });
  it('an end date given as null is no end date', () => {
    expect(ciCdTargetEnd('2024-03-01' as never, null)).toBe('2025-03-01');
  });
});

describe('the import forms', () => {
  it('refuse options that are not an object, before the request', () => {
    for (const options of [null, 5, 'x']) {
      for (const r of [autoCreateEngagement(auto, options as never), adHocImportEngagement(adHoc, options as never)]) {
        expect(failedError(r).message).toBe('Invalid options: expected an object such as { settings, newId }');
        expect(r.ok || r.error.code).toBe('invalid_input');
      }
    }
    expect(autoCreateEngagement(auto, { newId: () => 'n1' }).ok).toBe(true);
    // Checked first: with a bad request too, the options are what is refused.
    expect(failedError(autoCreateEngagement({ bogus: 1 } as never, null as never)).message).toBe('Invalid options: expected an object such as { settings, newId }');
    expect(failedError(adHocImportEngagement({ bogus: 1 } as never, 5 as never)).message).toBe('Invalid options: expected an object such as { settings, newId }');
  });

  it("name what they refused: the auto-created engagement, the AdHoc import's", () => {
    expect(failedError(autoCreateEngagement({ ...auto, bogus: 1 } as never)).message).toMatch(/^Invalid auto-created engagement:\n/);
    expect(failedError(adHocImportEngagement({ ...adHoc, bogus: 1 } as never)).message).toMatch(/^Invalid AdHoc import engagement:\n/);
  });

  it('an auto-created engagement: id and actor non-empty, name ≤ 300, source-code URI a URL ≤ 600', () => {
    const check = (patch: object) => paths(autoCreateEngagement({ ...auto, id: 'e1', ...patch } as never));
    expect(check({ id: '' })).toEqual(['id']);
    expect(check({ actor: '' })).toEqual(['actor']);
    expect(check({ actor: 'ci-bot' })).toEqual([]);
    expect(check({ name: 'n'.repeat(300) })).toEqual([]);
    expect(check({ name: 'n'.repeat(301) })).toEqual(['name']);
    const url = (length: number) => `https://example.com/${'p'.repeat(length - 20)}`;
    expect(check({ sourceCodeManagementUri: url(600) })).toEqual([]);
    expect(check({ sourceCodeManagementUri: url(601) })).toEqual(['sourceCodeManagementUri']);
    expect(check({ sourceCodeManagementUri: 'not a url' })).toEqual(['sourceCodeManagementUri']);
    expect(check({ engagementEndDate: '2024-02-30' })).toEqual(['engagementEndDate']);
    expect(check({ deduplicationOnEngagement: 'yes' })).toEqual(['deduplicationOnEngagement']);
  });

  it("an AdHoc import's form: version ≤ 100; branch or tag, build id and commit hash ≤ 150", () => {
    const check = (patch: object) => paths(adHocImportEngagement({ ...adHoc, id: 'e1', ...patch } as never));
    expect(check({ version: 'v'.repeat(100), branchTag: 'b'.repeat(150), buildId: 'b'.repeat(150), commitHash: 'c'.repeat(150) })).toEqual([]);
    expect(check({ version: 'v'.repeat(101) })).toEqual(['version']);
    for (const field of ['branchTag', 'buildId', 'commitHash']) expect(check({ [field]: 'x'.repeat(151) })).toEqual([field]);
    expect(check({ lead: null, productName: null })).toEqual([]);
  });
});

describe('findImportEngagement', () => {
  const engagements = [create({ id: '7', name: 'nightly', productId: 139 }), create({ id: '30', name: 'nightly', productId: 140 })];

  it('refuses an engagement of another product with one issue at engagementId, and the facts in details', () => {
    const e = failedError(findImportEngagement(engagements, { engagementId: 30, productId: 139 }));
    expect(e.issues).toEqual([{ path: ['engagementId'], message: e.message, code: 'custom' }]);
    expect(e.details).toEqual({ engagementId: '30', productId: '139', engagementProductId: '140' });
  });

  it('finds by name only with both the product and the name', () => {
    expect(findImportEngagement(engagements, { productId: 139 })).toEqual({ ok: true, engagement: null });
    expect(findImportEngagement(engagements, { productId: 139, engagementName: null })).toEqual({ ok: true, engagement: null });
    expect(findImportEngagement(engagements, { productId: null, engagementName: 'nightly' })).toEqual({ ok: true, engagement: null });
    expect(findImportEngagement(engagements, { productId: 139, engagementName: 'nightly' })).toMatchObject({ ok: true, engagement: { id: '7' } });
  });

  it('names the lookup it refused', () => {
    expect(failedError(findImportEngagement(engagements, { engagementName: 5 } as never)).message).toMatch(/^Invalid import lookup:\n/);
  });
});

describe('importTarget', () => {
  const existing = [create({ id: '7', name: 'nightly' })];

  it('refuses a request that is not an object, in words', () => {
    for (const request of [null, 5, 'x']) {
      const e = failedError(importTarget(existing, request as never));
      expect([e.code, e.message]).toEqual(['invalid_input', 'Invalid import request: expected an object']);
    }
  });

  it('uses an existing engagement with no effects, and names itself when reading the request throws', () => {
    const r = importTarget(existing, { productId: 139, engagementName: existing[0]!.data.name });
    expect(r.ok && r.effects).toEqual([]);
    const trap = Object.defineProperty({}, 'productId', { enumerable: true, get: () => { throw new Error('no'); } });
    const e = failedError(importTarget(existing, trap as never));
    expect([e.code, e.message]).toEqual(['invalid_input', 'Invalid input to importTarget: reading it threw (Error: no)']);
  });

  it('passes on the lookup\'s refusal', () => {
    expect(failedError(importTarget(existing, { engagementId: 7, productId: 140 })).details).toMatchObject({ engagementId: '7', engagementProductId: '139' });
  });

  it("a missing engagement is not_found in DefectDojo's words, with what was asked (null for what was not)", () => {
    const e = failedError(importTarget(existing, { productId: 139, engagementName: 'weekly' }));
    expect([e.code, e.message]).toEqual(['not_found', 'auto_create_context not True, unable to create non-existing engagement']);
    expect(e.details).toEqual({ engagementId: null, productId: 139, engagementName: 'weekly' });
    expect(failedError(importTarget(existing, { engagementId: 99 })).details).toEqual({ engagementId: 99, productId: null, engagementName: null });
  });

  it('auto-creates only with autoCreateContext true and a product', () => {
    expect(failedError(importTarget(existing, { engagementName: 'weekly', autoCreateContext: true, at })).code).toBe('not_found');
    expect(failedError(importTarget(existing, { productId: 139, engagementName: 'weekly', autoCreateContext: 'yes' as never, at })).code).toBe('not_found');
    const made = importTarget(existing, { productId: 139, autoCreateContext: true, at }, { newId: () => 'n1' });
    // No name asked: the start date, as DefectDojo names it.
    expect(made.ok && made.engagement.data.name).toBe('2024-03-10');
  });

  it('gives the auto-creation\'s refusal', () => {
    expect(failedError(importTarget(existing, { productId: 139, engagementName: 'weekly', autoCreateContext: true, at: 'noon' as never })).message).toMatch(
      /^Invalid auto-created engagement:\n/,
    );
  });
});

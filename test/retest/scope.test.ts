/**
 * The scope a retest copies, for generated DefectDojo parents (the kit's creations, then closed) and for parents in
 * every status: the copied fields are named here, field by field, not read from the retest code.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { defectdojo, type DefectDojoState } from '../../src/defectdojo/index.js';
import { defectDojoRetests } from '../../src/retest/index.js';
import { defectdojoCreateArb, defectdojoEngagementArb } from '../../src/testing/index.js';

/** The fields a DefectDojo retest takes from its parent as they are. */
const COPIED = ['productId', 'productName', 'engagementType', 'lead', 'requester', 'preset', 'reportType', 'testStrategy', 'threatModel', 'apiTest', 'penTest', 'checkList', 'deduplicationOnEngagement', 'tags'] as const;
/** The fields a new retest starts without, whatever the parent had. */
const FRESH = { description: null, version: null, firstContacted: null, tracker: null, buildId: null, commitHash: null, branchTag: null, sourceCodeManagementUri: null, doneTesting: false } as const;

const later = (at: string, days: number) => new Date(Date.parse(at) + days * 86_400_000).toISOString();

describe('the scope of a DefectDojo retest', () => {
  test.prop([defectdojoCreateArb(), fc.integer({ min: 1, max: 40 }), fc.nat(10)], { numRuns: 150 })(
    'copies the product, people, flags and tags; starts with its own dates and none of the original’s build or text',
    (create, inDays, length) => {
      const created = defectdojo.create(create);
      fc.pre(created.ok);
      if (!created.ok) return;
      const closed = defectdojo.apply(created.state, { type: 'close', at: later(String(create.at), 1) as never });
      if (!closed.ok) throw closed.error;
      const parent: DefectDojoState = closed.state;
      const before = structuredClone(parent);
      const at = later(String(create.at), inDays);
      const targetStart = at.slice(0, 10);
      const targetEnd = later(at, length).slice(0, 10);
      const r = defectDojoRetests.request(parent, null, { at, targetStart, targetEnd } as never, { newId: () => `${parent.id}-retest` });
      if (!r.ok) throw r.error;
      const data = r.retest.data;
      for (const field of COPIED) expect(data[field], field).toEqual(parent.data[field]);
      expect(data).toMatchObject({ ...FRESH, targetStart, targetEnd, active: true, reason: `Retest of engagement ${parent.id}` });
      expect(data.jira).toEqual({ project: null, assetProject: parent.data.jira.assetProject, epic: null });
      expect(r.retest.status).toBe('Not Started');
      expect(r.link).toMatchObject({ kind: 'retest', parentId: parent.id, id: `${parent.id}-retest`, round: 1 });
      expect(parent).toEqual(before);
    },
  );

  test.prop([defectdojoEngagementArb()], { numRuns: 100 })('is requested only on a Completed engagement', (parent) => {
    const r = defectDojoRetests.request(parent, null, { at: later(parent.updatedAt, 1), targetStart: '2030-01-01', targetEnd: '2030-01-02' } as never, { newId: () => 'r' });
    if (parent.status === 'Completed') expect(r.ok).toBe(true);
    else expect(!r.ok && r.error.details).toMatchObject({ operation: 'request_retest', status: parent.status });
  });
});

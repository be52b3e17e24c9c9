import { describe, expect, it } from 'vitest';
import { JIRA_EPIC_LINK_KIND, JIRA_PROJECT_KIND, planEngagementDelete } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { aggregateInput, asAggregate } from './aggregate-fixtures.js';
import { create } from './helpers.js';

const plan = (input = aggregateInput(), actor: string | null = 'admin') =>
  unwrap(planEngagementDelete(asAggregate(input), { at: '2024-03-10T09:00:00Z', ...(actor !== null ? { actor } : {}) })).plan;

describe('planEngagementDelete (spec 5)', () => {
  it('deletes tests, findings, endpoint statuses, every note and file, the Jira project settings and epic link', () => {
    const p = plan();
    expect(p).toMatchObject({ type: 'delete', lifecycle: 'defectdojo', engagementId: '42', expectedVersion: 3, at: '2024-03-10T09:00:00.000Z', actor: 'admin' });
    expect(p.deletes.map((i) => `${i.kind}:${i.id}<${i.parent?.kind}:${i.parent?.id}`)).toEqual([
      'note:102<finding:11',
      'file:202<finding:11',
      'endpoint_status:301<finding:11',
      'finding:11<test:1',
      'finding:12<test:1',
      'note:101<test:1',
      'file:201<test:1',
      'test:1<engagement:42',
      'finding:13<test:2',
      'test:2<engagement:42',
      'note:103<engagement:42',
      'file:203<engagement:42',
      `${JIRA_PROJECT_KIND}:42<engagement:42`,
      `${JIRA_EPIC_LINK_KIND}:SEC-9<engagement:42`,
    ]);
  });

  it('risk acceptances are only unlinked, and keep their notes', () => {
    const p = plan();
    expect(p.unlinks).toEqual([{ kind: 'risk_acceptance', id: '401', parent: { kind: 'engagement', id: '42' } }]);
    expect(p.deletes.some((i) => i.id === '104')).toBe(false);
  });

  it('children come before their parents (the order a store with foreign keys deletes in)', () => {
    const p = plan();
    const position = new Map(p.deletes.map((i, n) => [`${i.kind}:${i.id}`, n]));
    for (const [n, item] of p.deletes.entries()) {
      if (item.parent && item.parent.kind !== 'engagement') expect(position.get(`${item.parent.kind}:${item.parent.id}`)!).toBeGreaterThan(n);
    }
  });

  it('engagement_deleted to the lead: "The engagement "X" was deleted by <user>", URL of the product', () => {
    const [effect] = plan().effects;
    expect(effect).toMatchObject({
      id: 'defectdojo:42:4:engagement_deleted',
      type: 'engagement_deleted',
      version: 4,
      title: 'Deletion of Q1 pentest',
      description: 'The engagement "Q1 pentest" was deleted by admin',
      url: '/product/139',
      recipients: ['7'],
    });
    expect(plan(aggregateInput(), null).effects[0]).toMatchObject({ description: 'The engagement "Q1 pentest" was deleted' });
    expect('actor' in plan(aggregateInput(), null)).toBe(false);
  });

  it('an engagement without Jira and without contents deletes nothing else', () => {
    const p = unwrap(planEngagementDelete(asAggregate({ engagement: create() }), { at: '2024-03-10T09:00:00Z' })).plan;
    expect(p.deletes).toEqual([]);
    expect(p.unlinks).toEqual([]);
    expect(p.effects).toHaveLength(1);
  });

  it('the plan is frozen; its input is not changed', () => {
    const input = aggregateInput();
    const before = JSON.stringify(input);
    const p = plan(input);
    expect(Object.isFrozen(p.deletes[0])).toBe(true);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('a deletion dated before the engagement\'s last change is out_of_order; junk is invalid_input', () => {
    const early = planEngagementDelete(asAggregate(aggregateInput()), { at: '2024-03-01T00:00:00Z' });
    expect(!early.ok && early.error.code).toBe('out_of_order');
    expect(planEngagementDelete(asAggregate(aggregateInput()), {} as never).ok).toBe(false);
    expect(planEngagementDelete(asAggregate(aggregateInput()), { at: '2024-03-10T09:00:00Z', actor: '' }).ok).toBe(false);
    expect(planEngagementDelete('x' as never, { at: '2024-03-10T09:00:00Z' }).ok).toBe(false);
  });
});

/**
 * Engagement access (`src/defectdojo/aggregate/access.ts`) and the calendar's range: refusals naming what they
 * refuse (the grants, the options); a calendar range of a single day is a range.
 */
import { describe, expect, it } from 'vitest';
import { calendarEntries, canAccessEngagement, filterAccessibleEngagements } from '../../src/defectdojo/index.js';
import { unwrap } from '../../src/index.js';
import { thrownError as refusal } from '../fuzz/refusals.js';
import { richEngagement } from './aggregate-fixtures.js';


describe('access refuses, naming what it refuses', () => {
  const engagement = richEngagement();

  it('grants and options it cannot use', () => {
    expect(refusal(() => canAccessEngagement({ superuser: 'yes' } as never, engagement)).message).toContain('access grants');
    expect(refusal(() => canAccessEngagement({}, engagement, { action: 'own' } as never)).message).toContain('access options');
    expect(refusal(() => filterAccessibleEngagements({ globalRole: 'Boss' } as never, [engagement])).message).toContain('access grants');
  });
});

describe('the calendar\'s range', () => {
  it('may be a single day', () => {
    const engagement = richEngagement();
    const day = engagement.data.targetStart;
    expect(unwrap(calendarEntries([engagement], { from: day, to: day })).entries.map((e) => e.engagementId)).toEqual([engagement.id]);
  });
});

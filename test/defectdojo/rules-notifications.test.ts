/**
 * DefectDojo's engagement notifications (`dojo/engagement/signals.py`, `dojo/notifications/tasks.py`), written out
 * as the texts DefectDojo sends for one engagement, so that `src/defectdojo/lifecycle/notifications.ts` is checked
 * against the product's wording, links and recipients rather than against its own helpers.
 */
import { describe, expect, it } from 'vitest';
import { formatTargetDate, NOTIFICATION_EVENTS } from '../../src/defectdojo/index.js';
import {
  autoCloseEngagement,
  engagementAdded,
  engagementClosed,
  engagementCopied,
  engagementDeleted,
  engagementExpired,
  engagementReopened,
  staleEngagement,
  upcomingEngagement,
} from '../../src/defectdojo/lifecycle/index.js';
import { create } from './helpers.js';

// Lead 7, asset 139 "Payments API", "Q1 pentest", 2024-03-04 → 2024-03-08 (see helpers.ts).
const data = create({ targetEnd: '2024-03-08' }).data;
const noLead = create({ lead: null, productName: null }).data;

describe('the notifications DefectDojo sends, word for word', () => {
  const table: [string, unknown, object][] = [
    ['engagement_added', engagementAdded('42', data), { title: 'Engagement created for "Payments API": Q1 pentest', description: null, url: '/engagement/42' }],
    ['engagement_closed', engagementClosed('42', data), { title: 'Closure of Q1 pentest', description: 'The engagement "Q1 pentest" was closed', url: '/engagement/42/finding/all' }],
    ['engagement_reopened', engagementReopened('42', data), { title: 'Reopening of Q1 pentest', description: 'The engagement "Q1 pentest" was reopened', url: '/engagement/42' }],
    ['auto_close_engagement', autoCloseEngagement('42', data), { title: 'Q1 pentest', description: 'The engagement "Q1 pentest" has auto-closed. Target end was Mar. 08, 2024.', url: '/engagement/42' }],
    ['upcoming_engagement', upcomingEngagement('42', data), { title: 'Upcoming engagement: Q1 pentest', description: null, url: '/engagement/42' }],
    ['stale_engagement', staleEngagement('42', data), { title: 'Stale Engagement: Q1 pentest', description: 'The engagement "Q1 pentest" is stale. Target end was Mar. 08, 2024.', url: '/engagement/42' }],
    ['engagement_expired', engagementExpired('42', data), { title: 'Overdue engagement: Q1 pentest', description: 'The engagement "Q1 pentest" is overdue. Target end was Mar. 08, 2024.', url: '/engagement/42' }],
    ['engagement_copied', engagementCopied('43', data, 'bob'), { title: 'Copying of Q1 pentest', description: 'The engagement "Q1 pentest" was copied by bob', url: '/engagement/43' }],
    ['engagement_deleted', engagementDeleted(data, 'bob'), { title: 'Deletion of Q1 pentest', description: 'The engagement "Q1 pentest" was deleted by bob', url: '/product/139' }],
  ];
  it.each(table)('%s', (type, draft, expected) => {
    expect(draft).toEqual({ type, category: 'notification', recipients: ['7'], ...expected });
  });

  it('covers every notification event DefectDojo has for engagements', () => {
    expect(new Set(table.map(([type]) => type))).toEqual(new Set(NOTIFICATION_EVENTS));
    expect(NOTIFICATION_EVENTS).toHaveLength(9);
  });

  it('without a lead nobody receives it; without an asset name the asset id is shown; a deletion by nobody known', () => {
    expect(engagementAdded('42', noLead)).toMatchObject({ title: 'Engagement created for "139": Q1 pentest', recipients: [] });
    expect(staleEngagement('42', noLead).recipients).toEqual([]);
    expect(engagementDeleted(noLead, null)).toMatchObject({ description: 'The engagement "Q1 pentest" was deleted', recipients: [] });
    expect(engagementDeleted(noLead, '')).toMatchObject({ description: 'The engagement "Q1 pentest" was deleted' });
  });
});

describe('formatTargetDate: strftime("%b. %d, %Y")', () => {
  const table: [string, string][] = [
    ['2024-03-10', 'Mar. 10, 2024'],
    ['2024-03-08', 'Mar. 08, 2024'], // %d pads with a zero
    ['2025-01-01', 'Jan. 01, 2025'],
    ['2024-12-31', 'Dec. 31, 2024'], // the calendar date itself, whatever the machine's zone
    ['2024-02-29', 'Feb. 29, 2024'],
    ['0999-09-09', 'Sep. 09, 0999'],
  ];
  it.each(table)('%s → %s', (date, text) => {
    expect(formatTargetDate(date as never)).toBe(text);
    expect(formatTargetDate(date as never)).toBe(text); // asked again (the memo) gives the same
  });

  it('thousands of different dates, each formatted right (the memo is bounded and cleared, never stale)', () => {
    const start = Date.UTC(2000, 0, 1);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (let day = 0; day < 10_050; day += 1) {
      const d = new Date(start + day * 86_400_000);
      const iso = d.toISOString().slice(0, 10);
      const expected = `${months[d.getUTCMonth()]}. ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()}`;
      if (formatTargetDate(iso as never) !== expected) expect(formatTargetDate(iso as never)).toBe(expected);
    }
  });
});

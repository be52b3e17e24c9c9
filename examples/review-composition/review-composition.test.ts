/** Keeps the example honest: it runs, and the engagement's status follows the report's review. */
import { expect, it } from 'vitest';
import { runReviewComposition } from './review-composition.js';

it('the review drives the engagement: In Review while reviewed, Complete once published; refusals are typed', () => {
  const lines = runReviewComposition();
  expect(lines[0]).toBe('report rep-web: Draft; engagement eng-web: Scheduled');
  expect(lines).toContain('2026-03-12T16:00:00Z submit: report Ready for Review (0 approvals); engagement In Review');
  expect(lines.find((l) => l.includes('approve: refused'))).toContain('(operation_not_allowed) "ben" cannot approve report "rep-web": they are a collaborator');
  expect(lines).toContain('2026-03-13T10:00:00Z approve: report In Review (1 approvals); engagement In Review');
  expect(lines).toContain('2026-03-13T11:00:00Z edit: report In Review (0 approvals); engagement In Review');
  expect(lines.find((l) => l.includes('publish: refused'))).toContain('needs 2 approvals and has 0');
  expect(lines).toContain('2026-03-13T14:00:00Z approve: report Approved (2 approvals); engagement In Review');
  expect(lines.at(-1)).toBe('2026-03-14T09:00:00Z publish: report Published (2 approvals); engagement Complete');
});

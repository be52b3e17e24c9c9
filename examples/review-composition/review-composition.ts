/**
 * A host that runs both lifecycles: the report's review (four eyes, two approvals) drives the PlexTrac engagement
 * it belongs to. Each review command's effects go to `driveEngagement`, and the engagement's status follows.
 * Run it with `npx tsx examples/review-composition/review-composition.ts`.
 */
import { pathToFileURL } from 'node:url';
import { plextrac, type PlextracState } from 'engagement-lifecycle/plextrac';
import { driveEngagement, review, type ReviewEventBody, type ReviewState } from 'engagement-lifecycle/review';

const settings = { minApprovals: 2, clearApprovalsOnEdit: true, editRolesInReview: ['lead'] };
const timeZone = 'Europe/Berlin';

/** Runs the story and returns what happened, one line per command. */
export function runReviewComposition(): string[] {
  const lines: string[] = [];
  const scheduled = plextrac.create(
    { type: 'schedule', id: 'eng-web', at: '2026-03-02T09:00:00Z', clientId: 'acme', name: 'Web app pentest', startDate: '2026-03-09', operators: ['ben'] },
    { settings: { timeZone } },
  );
  if (!scheduled.ok) throw scheduled.error;
  let engagement: PlextracState = scheduled.state;
  const created = review.create(
    { type: 'create_report', id: 'rep-web', at: '2026-03-02T09:05:00Z', name: 'Web app pentest report', author: 'ana', collaborators: ['ben'], engagementId: 'eng-web' },
    { settings },
  );
  if (!created.ok) throw created.error;
  let report: ReviewState = created.state;
  lines.push(`report ${report.id}: ${report.status}; engagement ${engagement.id}: ${engagement.status}`);

  const commands: [string, ReviewEventBody][] = [
    ['2026-03-12T16:00:00Z', { type: 'submit' }],
    ['2026-03-13T08:30:00Z', { type: 'start_review' }],
    ['2026-03-13T09:00:00Z', { type: 'approve', reviewer: 'ben' }], // a collaborator: refused (four eyes)
    ['2026-03-13T10:00:00Z', { type: 'approve', reviewer: 'dee' }],
    ['2026-03-13T11:00:00Z', { type: 'edit', editor: 'eli', role: 'lead' }], // clears dee's approval
    ['2026-03-13T12:00:00Z', { type: 'publish' }], // refused: not approved
    ['2026-03-13T13:00:00Z', { type: 'approve', reviewer: 'dee' }],
    ['2026-03-13T14:00:00Z', { type: 'approve', reviewer: 'fay' }],
    ['2026-03-14T09:00:00Z', { type: 'publish' }],
  ];
  for (const [at, body] of commands) {
    const step = review.apply(report, { ...body, at } as never, { settings });
    if (!step.ok) {
      lines.push(`${at} ${body.type}: refused (${step.error.code}) ${step.error.message}`);
      continue;
    }
    report = step.state;
    const driven = driveEngagement(engagement, report, step.effects, { settings: { timeZone } });
    if (!driven.ok) throw driven.error;
    engagement = driven.state;
    lines.push(`${at} ${body.type}: report ${report.status} (${report.data.approvals.length} approvals); engagement ${engagement.status}`);
  }
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of runReviewComposition()) console.log(line);
}

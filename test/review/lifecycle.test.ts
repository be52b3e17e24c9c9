import { describe, expect, it } from 'vitest';
import { review, type ReviewEventBody, type ReviewEventInput, type ReviewSettingsInput, type ReviewState } from '../../src/review/index.js';
import type { Instant } from '../../src/index.js';
import { toMermaid } from '../../src/index.js';
import { machineEngine } from '../../src/machine/index.js';

const create: ReviewEventInput = { type: 'create_report', id: 'r-1', at: '2026-03-02T09:00:00Z', name: 'Web app report', author: 'ana', collaborators: ['ben'] };

let minute = 0;
const at = () => new Date(Date.parse('2026-03-02T10:00:00Z') + 60_000 * ++minute).toISOString() as Instant;

/** Runs events in order and returns the last state; throws on a refusal. */
function run(events: readonly ReviewEventBody[], settings: ReviewSettingsInput = {}): ReviewState {
  const created = review.create(create, { settings });
  if (!created.ok) throw created.error;
  let state = created.state;
  for (const e of events) {
    const r = review.apply(state, { ...e, at: at() } as ReviewEventInput, { settings });
    if (!r.ok) throw r.error;
    state = r.state;
  }
  return state;
}

const inReview = [{ type: 'submit' }, { type: 'start_review' }] as const;

describe('report review (PwnDoc review rules on PlexTrac report statuses)', () => {
  it('walks Draft → Ready for Review → In Review → Approved → Published with one approval by default', () => {
    const s = run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'publish' }]);
    expect(s.status).toBe('Published');
    expect(s.data.approvals).toEqual(['dee']);
  });

  it("four eyes: the author and a collaborator cannot approve (PwnDoc's creator and collaborators)", () => {
    const s = run([...inReview]);
    for (const reviewer of ['ana', 'ben']) {
      const r = review.apply(s, { type: 'approve', reviewer, at: at() });
      expect(!r.ok && r.error.code).toBe('operation_not_allowed');
      expect(!r.ok && r.error.message).toContain('four-eyes');
    }
  });

  it('minApprovals counts distinct reviewers (PwnDoc minReviewers = 2)', () => {
    const settings = { minApprovals: 2 };
    const one = run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'approve', reviewer: 'dee' }], settings);
    expect(one.status).toBe('In Review');
    expect(one.data.approvals).toEqual(['dee']);
    const two = run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'approve', reviewer: 'eli' }], settings);
    expect(two.status).toBe('Approved');
  });

  it('publishing is refused unless approved (mandatoryReview), and allowed when the setting is off', () => {
    const s = run([...inReview]);
    const r = review.apply(s, { type: 'publish', at: at() });
    expect(!r.ok && r.error.code).toBe('operation_not_allowed');
    expect(!r.ok && r.error.message).toContain('needs 1 approval and has 0');
    expect(run([{ type: 'publish' }], { requireApproval: false }).status).toBe('Published');
  });

  it('the report is read-only in review (PwnDoc #565) unless a role is let through; an edit clears approvals', () => {
    const s = run([...inReview, { type: 'approve', reviewer: 'dee' }], { minApprovals: 2 });
    const refused = review.apply(s, { type: 'edit', editor: 'dee', role: 'reviewer', at: at() }, { settings: { minApprovals: 2 } });
    expect(!refused.ok && refused.error.code).toBe('operation_not_allowed');
    const settings = { minApprovals: 2, editRolesInReview: ['reviewer'] };
    const ok = review.apply(s, { type: 'edit', editor: 'dee', role: 'reviewer', at: at() }, { settings });
    expect(ok.ok && ok.state.data.approvals).toEqual([]);
    const kept = review.apply(s, { type: 'edit', editor: 'dee', role: 'reviewer', at: at() }, { settings: { ...settings, clearApprovalsOnEdit: false } });
    expect(kept.ok && kept.state.data.approvals).toEqual(['dee']);
  });

  it('an edit of an Approved report that clears its approvals sends it back to In Review', () => {
    const settings = { editRolesInReview: ['lead'] };
    const s = run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'edit', editor: 'eli', role: 'lead' }], settings);
    expect(s.status).toBe('In Review');
  });

  it('four eyes binds collaborators added in Draft; requesting changes and reopening clear approvals', () => {
    const s = run([{ type: 'add_collaborator', collaborator: 'cy' }, ...inReview]);
    const r = review.apply(s, { type: 'approve', reviewer: 'cy', at: at() });
    expect(!r.ok && r.error.code).toBe('operation_not_allowed');
    expect(run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'request_changes' }]).data.approvals).toEqual([]);
    const reopened = run([...inReview, { type: 'approve', reviewer: 'dee' }, { type: 'publish' }, { type: 'reopen' }]);
    expect(reopened.status).toBe('Draft');
    expect(reopened.data.approvals).toEqual([]);
  });

  it('refuses what the statuses do not allow with transition_not_allowed, and junk with invalid_input', () => {
    const draft = run([]);
    const r = review.apply(draft, { type: 'approve', reviewer: 'dee', at: at() });
    expect(!r.ok && r.error.code).toBe('transition_not_allowed');
    const junk = review.apply(draft, { type: 'approve', at: at() } as never);
    expect(!junk.ok && junk.error.code).toBe('invalid_input');
    expect(review.safeParseSettings({ minApprovals: 0 }).ok).toBe(false);
  });

  it('both engines give the same result', () => {
    const s = run([...inReview]);
    const e = { type: 'approve', reviewer: 'dee', at: at() } as const;
    expect(JSON.stringify(machineEngine(review).apply(s, e))).toBe(JSON.stringify(review.apply(s, e)));
  });

  it('has a diagram', () => {
    const diagram = toMermaid(review);
    expect(diagram).toContain('In_Review --> Approved');
    expect(diagram).toContain('Published --> Draft');
  });
});

describe('docs/review.md', () => {
  it('shows the diagram the declaration generates today', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/review.md', import.meta.url), 'utf8');
    expect(doc).toContain('```mermaid\n' + toMermaid(review) + '```');
  });
});

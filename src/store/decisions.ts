/**
 * The sweep's decisions checked at the port: `claimDue`'s `decide` function, and what it returns for a claimed page
 * (one decision per engagement, each save changing the engagement it was claimed for). `validatingStore` calls
 * these in front of an adapter's `claimDue`.
 */
import { LifecycleError, caught, describeValue } from '../core/index.js';
import type { DecideDue, DueDecision, StoredEngagement } from './ports.js';
import { parseDueAt, parseWrite } from './schemas.js';

/** @throws LifecycleError `invalid_input` when `decide` is not a function. */
export function checkDecide(decide: unknown): DecideDue {
  if (typeof decide !== 'function') throw new LifecycleError('invalid_input', 'claimDue needs a decide function');
  return decide as DecideDue;
}

/**
 * Checks what `decide` returned for the claimed items: one decision per item, and writes that change the claimed
 * engagement. Returns the decisions with their writes parsed.
 * @throws LifecycleError `invalid_input`
 */
export function parseDecisions(decisions: unknown, items: readonly StoredEngagement[]): DueDecision[] {
  return caught('parseDecisions', () => decisionsOf(decisions, items));
}

function decisionsOf(decisions: unknown, items: readonly StoredEngagement[]): DueDecision[] {
  if (!Array.isArray(items)) throw new LifecycleError('invalid_input', `parseDecisions expects the claimed items as an array, got ${describeValue(items)}`);
  if (!Array.isArray(decisions) || decisions.length !== items.length) {
    throw new LifecycleError('invalid_input', `decide must return one decision per claimed engagement (${items.length})`);
  }
  return decisions.map((d: unknown, i): DueDecision => {
    const item = items[i] as StoredEngagement | undefined;
    if (item === null || typeof item !== 'object' || item.state === null || typeof item.state !== 'object') {
      throw new LifecycleError('invalid_input', `parseDecisions: claimed item ${i} is not a stored engagement, got ${describeValue(item)}`);
    }
    const kind = typeof d === 'object' && d !== null ? (d as { kind?: unknown }).kind : undefined;
    if (kind === 'skip') return { kind: 'skip' };
    if (kind === 'reschedule') return { kind: 'reschedule', dueAt: parseDueAt((d as { dueAt?: unknown }).dueAt ?? null) };
    if (kind === 'save') {
      const write = parseWrite((d as { write?: unknown }).write);
      const s = write.engagement.state;
      if (s.lifecycle !== item.state.lifecycle || s.id !== item.state.id) {
        throw new LifecycleError('invalid_input', `decision ${i} saves engagement "${s.lifecycle}/${s.id}", not the claimed "${item.state.lifecycle}/${item.state.id}"`);
      }
      return { kind: 'save', write };
    }
    throw new LifecycleError('invalid_input', `decision ${i} must have kind "save", "reschedule" or "skip"`);
  });
}

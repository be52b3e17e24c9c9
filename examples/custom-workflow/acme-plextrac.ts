/**
 * Acme's PlexTrac: PlexTrac's lifecycle plus two statuses the team needs.
 *
 * - **On Hold**: the client asked to pause a Scheduled or In Progress engagement. The hourly clock leaves it alone,
 *   a new start date is recorded for later, and `resume` returns it to whatever PlexTrac's rules say now.
 * - **Denied**: a request turned down before approval. Final, like Canceled.
 *
 * Everything else is PlexTrac's, unchanged: the same events, effects and derivation.
 */
import { deriveStatus, plextrac } from 'engagement-lifecycle/plextrac';
import { extendWorkflow } from 'engagement-lifecycle/workflow';

export const acmePlextrac = extendWorkflow(plextrac, {
  id: 'acme-plextrac',
  statuses: ['On Hold', 'Denied'],
  terminal: ['Canceled', 'Denied'],
  events: { hold: {}, resume: {}, deny: {} },
  transitions: [
    { from: ['Scheduled', 'In Progress'], on: 'hold', to: 'On Hold', label: 'hold' },
    {
      from: 'On Hold',
      on: 'resume',
      label: 'resume',
      // Held engagements are approved with a Draft report, so the derivation gives one of these two.
      to: { oneOf: ['Scheduled', 'In Progress'], select: (ctx, data) => deriveStatus(data, ctx.now, ctx.settings.timeZone) },
    },
    { from: 'On Hold', on: 'clock' },
    {
      from: 'On Hold',
      on: 'reschedule',
      update: ({ state, event }) => (state.data.startDate === event.startDate ? state.data : { ...state.data, startDate: event.startDate }),
    },
    { from: 'Pending', on: 'deny', to: 'Denied', label: 'deny' },
  ],
  // PlexTrac's own cancel (which records the cancellation) also leaves On Hold.
  alsoFrom: { cancel: ['On Hold'] },
  effects: {
    'On Hold': ({ event }) => [{ type: 'notify_operators', reason: event.reason ?? null }],
    Denied: ({ state, event }) => [{ type: 'notify_requester', requestedBy: state?.data.requestedBy ?? null, reason: event.reason ?? null }],
  },
  hints: { resume: 'Only an engagement On Hold can be resumed.' },
  // On Hold and Denied are not derived from PlexTrac's facts; acme-invariants.ts states the rule that replaces it.
  dropInvariants: ['plextracDerivation'],
});

export type AcmeStatus = (typeof acmePlextrac.statuses)[number];

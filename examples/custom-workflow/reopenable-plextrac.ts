/**
 * A PlexTrac variant with a bug planted on purpose, to show what the testing kit catches: someone wanted to
 * "undo a mistaken cancel", made Canceled non-terminal and added `reopen`. The workflow is well formed (every
 * status reachable, none stuck), so `extendWorkflow` accepts it; but PlexTrac promises that Canceled is final, and
 * the variant keeps that invariant (it did not drop it), so `checkLifecycle` fails.
 */
import { deriveStatus, plextrac } from 'engagement-lifecycle/plextrac';
import { extendWorkflow } from 'engagement-lifecycle/workflow';

export const reopenablePlextrac = extendWorkflow(plextrac, {
  id: 'reopenable-plextrac',
  terminal: [],
  events: { reopen: {} },
  transitions: [
    {
      from: 'Canceled',
      on: 'reopen',
      update: ({ state }) => ({ ...state.data, cancelled: false }),
      to: { oneOf: ['Pending', 'Scheduled', 'In Progress', 'In Review', 'Complete'], select: (ctx, data) => deriveStatus(data, ctx.now, ctx.settings.timeZone) },
    },
  ],
});

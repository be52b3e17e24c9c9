/** What Acme's variant promises beyond PlexTrac's invariants, for the property tests. */
import type { PlextracData } from 'engagement-lifecycle/plextrac';
import { deriveStatus } from 'engagement-lifecycle/plextrac';
import { defineInvariant } from 'engagement-lifecycle/testing';
import type { AcmeStatus } from './acme-plextrac.js';

const zoneOf = (settings: unknown) => (settings as { timeZone: string }).timeZone;

/** Replaces `plextracDerivation`, which the variant drops. */
export const acmeDerivation = defineInvariant<AcmeStatus, PlextracData>(
  'acmeDerivation',
  "Outside On Hold and Denied, the status is PlexTrac's derivation at the event's time.",
  (step) => {
    if (!step.result.ok) return;
    const { state, event } = step.result;
    if (state.status === 'On Hold' || state.status === 'Denied') return;
    const derived = deriveStatus(state.data, Date.parse(event.at), zoneOf(step.settings));
    return state.status === derived || `status is ${state.status}, but PlexTrac's derivation gives ${derived}`;
  },
);

export const acmeDeniedNeverApproved = defineInvariant<AcmeStatus, PlextracData>(
  'acmeDeniedNeverApproved',
  'A Denied engagement was never approved: it has no report and no operators.',
  (step) => {
    const s = step.after;
    if (s?.status === 'Denied' && (s.data.approved || s.data.reportStatus !== null)) return 'a Denied engagement was approved';
  },
);

export const acmeOnHoldIsApprovedDraft = defineInvariant<AcmeStatus, PlextracData>(
  'acmeOnHoldIsApprovedDraft',
  'An engagement On Hold is approved, with its report still a Draft.',
  (step) => {
    const s = step.after;
    if (s?.status === 'On Hold' && !(s.data.approved && s.data.reportStatus === 'Draft')) return `On Hold with report ${String(s.data.reportStatus)}`;
  },
);

export const acmeInvariants = [acmeDerivation, acmeDeniedNeverApproved, acmeOnHoldIsApprovedDraft];

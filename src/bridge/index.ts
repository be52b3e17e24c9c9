/**
 * `engagement-lifecycle/bridge`: a pure mapping between PlexTrac's and DefectDojo's engagement lifecycles, for
 * teams that report in PlexTrac and track findings in DefectDojo. Every loss is named (`STATUS_LOSSES`, the
 * `lost` of each event counterpart) and documented in docs/bridge.md.
 */
export { DEFECTDOJO_TO_PLEXTRAC, PLEXTRAC_TO_DEFECTDOJO, STATUS_LOSSES, toDefectDojoStatus, toPlextracStatus } from './statuses.js';
export type { StatusLoss } from './statuses.js';
export { DEFECTDOJO_EVENTS_TO_PLEXTRAC, PLEXTRAC_EVENTS_TO_DEFECTDOJO, defectDojoEventFor, plextracEventFor } from './events.js';
export type { BridgedDefectDojoEvent, BridgedPlextracEvent, EventCounterpart } from './events.js';

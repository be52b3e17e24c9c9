/** Shared helpers for the DefectDojo tests: build engagements in a given status at a given time. */
import { defectdojo, type DefectDojoEventInput, type DefectDojoSettingsInput, type DefectDojoState } from '../../src/defectdojo/index.js';
import { instant, unwrap, type Instant } from '../../src/index.js';

export const at = (iso: string): Instant => instant(iso);

export const baseCreate = {
  type: 'create',
  id: '42',
  at: '2024-03-01T10:00:00Z',
  productId: 139,
  productName: 'Payments API',
  name: 'Q1 pentest',
  targetStart: '2024-03-04',
  targetEnd: '2024-03-08',
  lead: 7,
} as const satisfies DefectDojoEventInput;

export function create(patch: Partial<Record<string, unknown>> = {}, settings?: DefectDojoSettingsInput): DefectDojoState {
  return unwrap(defectdojo.create({ ...baseCreate, ...patch } as DefectDojoEventInput, settings ? { settings } : undefined)).state;
}

export function apply(state: DefectDojoState, event: DefectDojoEventInput, settings?: DefectDojoSettingsInput) {
  return unwrap(defectdojo.apply(state, event, settings ? { settings } : undefined));
}

export function run(state: DefectDojoState, events: readonly DefectDojoEventInput[], settings?: DefectDojoSettingsInput): DefectDojoState {
  return events.reduce((s, e) => apply(s, e, settings).state, state);
}

/** An engagement moved to `status` with set_status right after creation. */
export function inStatus(status: string, patch: Partial<Record<string, unknown>> = {}, settings?: DefectDojoSettingsInput): DefectDojoState {
  const s = create(patch, settings);
  return status === s.status ? s : apply(s, { type: 'set_status', at: '2024-03-01T11:00:00Z', status } as DefectDojoEventInput, settings).state;
}

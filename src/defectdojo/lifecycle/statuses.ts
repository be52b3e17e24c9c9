/** DefectDojo's engagement statuses and types, spelled exactly as `ENGAGEMENT_STATUS_CHOICES` spells them. */
import * as z from 'zod';
import { lazyObject } from '../../core/index.js';

/** In DefectDojo's order (`dojo/engagement/models.py`). "Scheduled" arrived in 2026 (PR #14319). */
export const DEFECTDOJO_STATUSES = [
  'Not Started',
  'Blocked',
  'Cancelled',
  'Completed',
  'In Progress',
  'On Hold',
  'Scheduled',
  'Waiting for Resource',
] as const;
/** One of DefectDojo's eight engagement statuses. */
export type DefectDojoStatus = (typeof DEFECTDOJO_STATUSES)[number];

/** The statuses in which an engagement is inactive, closed, and never overdue. */
export const CLOSED_STATUSES: readonly DefectDojoStatus[] = ['Completed', 'Cancelled'];

/** Whether `status` is Completed or Cancelled: inactive and never overdue. */
export function isClosedStatus(status: DefectDojoStatus): boolean {
  return status === 'Completed' || status === 'Cancelled';
}

/** DefectDojo's engagement types. */
export const ENGAGEMENT_TYPES = ['Interactive', 'CI/CD'] as const;
/** One of `ENGAGEMENT_TYPES`. */
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** Validates a DefectDojo status. */
export const defectDojoStatusSchema = /* @__PURE__ */ lazyObject(() => z.enum(DEFECTDOJO_STATUSES));
/** Validates an engagement type. */
export const engagementTypeSchema = /* @__PURE__ */ lazyObject(() => z.enum(ENGAGEMENT_TYPES));

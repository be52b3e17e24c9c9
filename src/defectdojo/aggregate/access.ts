/**
 * Who may see, edit or delete an engagement. In DefectDojo engagements have no access lists of their own: access
 * to an asset (a product membership, or a membership of its organization, or a global role) is access to all its
 * engagements, with the member's role deciding what they may do.
 */
import * as z from 'zod';
import { caught, LifecycleError, eager, lazyObject } from '../../core/index.js';
import { parseEngagement, parseEngagements, parseWith } from './inputs.js';
import { refInputSchema, type DefectDojoState } from '../lifecycle/index.js';

/** DefectDojo's roles, weakest first. */
export const DEFECTDOJO_ROLES = ['Reader', 'API_Importer', 'Writer', 'Maintainer', 'Owner'] as const;
/** DefectDojo's roles, in order of what they may do. */
export type DefectDojoRole = (typeof DEFECTDOJO_ROLES)[number];

/** What a user may do to an engagement. */
export const ENGAGEMENT_ACTIONS = ['view', 'edit', 'delete'] as const;
/** One of `ENGAGEMENT_ACTIONS`. */
export type EngagementAction = (typeof ENGAGEMENT_ACTIONS)[number];

/**
 * What each role may do to an engagement (DefectDojo's `Engagement_View`, `Engagement_Edit` — which also covers
 * close, reopen and copy — and `Engagement_Delete`).
 */
export const ROLE_ACTIONS: Readonly<Record<DefectDojoRole, readonly EngagementAction[]>> = {
  Reader: ['view'],
  API_Importer: ['view', 'edit'],
  Writer: ['view', 'edit'],
  Maintainer: ['view', 'edit', 'delete'],
  Owner: ['view', 'edit', 'delete'],
};

const role = /* @__PURE__ */ lazyObject(() => z.enum(DEFECTDOJO_ROLES));

const grantsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  /** A superuser may do everything everywhere. */
  superuser: z.boolean().default(false),
  /** A global role applies to every asset. */
  globalRole: eager(role).nullable().default(null),
  /** Memberships of assets (DefectDojo's product members and product groups). */
  assets: z.array(z.strictObject({ asset: eager(refInputSchema), role: eager(role) })).default([]),
  /** Memberships of organizations (product types): they apply to the organization's assets. */
  organizations: z.array(z.strictObject({ organization: eager(refInputSchema), role: eager(role) })).default([]),
}));

/** What a user is granted: superuser, a global role, and roles on assets and organizations. */
export type AccessGrants = z.input<typeof grantsSchema>;

const accessOptionsSchema = /* @__PURE__ */ lazyObject(() => z.strictObject({
  action: z.enum(ENGAGEMENT_ACTIONS).default('view'),
  /** Which organization each asset belongs to (asset id → organization id), for organization grants. */
  organizationOf: z.record(z.string(), eager(refInputSchema)).default({}),
}));

/** The action to check and the organization of each asset. */
export type AccessOptions = z.input<typeof accessOptionsSchema>;

type Grants = z.output<typeof grantsSchema>;

function allowed(grants: Grants, assetId: string, action: EngagementAction, organizationOf: Readonly<Record<string, string>>): boolean {
  if (grants.superuser) return true;
  const roles: DefectDojoRole[] = [];
  if (grants.globalRole) roles.push(grants.globalRole);
  for (const g of grants.assets) if (g.asset === assetId) roles.push(g.role);
  const organization = Object.prototype.hasOwnProperty.call(organizationOf, assetId) ? organizationOf[assetId] : undefined;
  if (organization !== undefined) for (const g of grants.organizations) if (g.organization === organization) roles.push(g.role);
  return roles.some((r) => ROLE_ACTIONS[r].includes(action));
}

function inputs(grants: unknown, options: unknown): { grants: Grants; action: EngagementAction; organizationOf: Record<string, string> } {
  const g = parseWith(grantsSchema, grants, 'access grants');
  const o = parseWith(accessOptionsSchema, options ?? {}, 'access options');
  return { grants: g, action: o.action, organizationOf: o.organizationOf };
}

/**
 * Whether a user with `grants` may do `options.action` (`view` by default) to the engagement: decided by their
 * roles on the engagement's asset only — a membership of the asset, of its organization (when
 * `options.organizationOf` says which it is), or a global role. An organization grant whose asset's
 * organization is not given does not count.
 * @throws LifecycleError `invalid_input` (or `lifecycle_mismatch`) on invalid grants, engagement or options.
 */
export function canAccessEngagement(grants: AccessGrants, engagement: DefectDojoState, options?: AccessOptions): boolean {
  return caught('canAccessEngagement', () => {
    const i = inputs(grants, options);
    const e = parseEngagement(engagement);
    return allowed(i.grants, e.data.productId, i.action, i.organizationOf);
  });
}

/**
 * The engagements a user with `grants` may see (or edit, or delete: `options.action`), in their order.
 * @throws LifecycleError `invalid_input` (or `lifecycle_mismatch`) on invalid grants, engagements or options.
 */
export function filterAccessibleEngagements(
  grants: AccessGrants,
  engagements: readonly DefectDojoState[],
  options?: AccessOptions,
): readonly DefectDojoState[] {
  return caught('filterAccessibleEngagements', () => {
    const i = inputs(grants, options);
    const list = parseEngagements(engagements);
    return Object.freeze(list.filter((e) => allowed(i.grants, e.data.productId, i.action, i.organizationOf)));
  });
}

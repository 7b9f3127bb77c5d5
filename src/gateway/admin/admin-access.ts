/**
 * What an admin API caller may see. Today only the admin key exists (every tenant); a
 * tenant-scoped viewer key (SPEC §18) will resolve to `{ role: 'viewer', tenant }`, and every
 * route already narrows its query to `tenant` when one is set, so adding such keys needs no
 * route changes.
 */
export interface AdminAccess {
  readonly role: 'admin' | 'viewer';
  /** The one tenant this caller may see; null for all tenants. */
  readonly tenant: string | null;
}

export const FULL_ACCESS: AdminAccess = Object.freeze({ role: 'admin', tenant: null });

/** Looks up a presented key that is not the admin key (viewer keys, later); undefined when unknown. */
export interface AdminKeyResolver {
  resolve(presentedKey: string): Promise<AdminAccess | undefined>;
}

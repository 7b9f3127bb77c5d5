/** The admin API (SPEC §4, §7, §14, §18): who may use it, and its read routes over the ledger. */
export { adminRoutes, type AdminRoutesDeps } from './admin-routes.ts';
export { adminAuth, type AdminAuthOptions, type AdminEnv } from './admin-auth.ts';
export { FULL_ACCESS, type AdminAccess, type AdminKeyResolver } from './admin-access.ts';
export { isLoopbackAddress } from './is-loopback-address.ts';

/** Prometheus metrics (SPEC §16): one registry per gateway, fed by a ProxyObserver, served at /metrics. */
export { createGatewayMetrics, DURATION_BUCKETS_SECONDS, TOKEN_CLASSES, type GatewayMetrics, type TokenClass } from './create-gateway-metrics.ts';
export { metricsObserver } from './metrics-observer.ts';
export { metricsRoutes } from './metrics-routes.ts';

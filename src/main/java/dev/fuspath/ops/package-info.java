/**
 * Health checks and metrics of the service (catalog readiness, mirror readiness, sync outcomes).
 *
 * <p>Entry point: {@link dev.fuspath.ops.ServiceMetrics}.
 *
 * <p>Must not depend on: dev.fuspath.cli (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.ops;

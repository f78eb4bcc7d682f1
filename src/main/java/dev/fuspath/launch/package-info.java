/**
 * The light start path of the fuspath launcher: plan, inspect and diagnose in plain Java, without Quarkus.
 *
 * <p>Entry point: {@link dev.fuspath.launch.LightMain}.
 *
 * <p>Must not depend on: Quarkus, CDI, Vert.x at run time (it must start without them) (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.launch;

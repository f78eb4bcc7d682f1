/**
 * Reads a coprocessor image's footer (FUS, stack, Safeboot; ST or customer signature) and firmware versions.
 *
 * <p>Entry point: {@link dev.fuspath.image.FooterReader}.
 *
 * <p>Must not depend on: anything but the JDK (PackageDependenciesTest holds the rules it can check).
 */
package dev.fuspath.image;

package org.attc.tracker.lti.internal.platform;

/**
 * A platform registration was added, changed or removed (inside this module: caches of
 * platform origins and keys drop what they hold for it).
 *
 * @param platformId the registration
 */
public record PlatformsChanged(long platformId) {
}

/**
 * Capability frameworks and their versions: domains, capabilities, tiers, role profiles;
 * CASE 1.0/1.1 and Moodle competency CSV import and export, the illustrative sample.
 * <p>
 * Other modules use {@link org.attc.tracker.framework.CapabilityCatalogue} to look up
 * capabilities, tier scales and role profiles of the current versions, and listen for
 * {@link org.attc.tracker.framework.FrameworkPublished}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package org.attc.tracker.framework;

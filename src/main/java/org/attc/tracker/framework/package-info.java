/**
 * Capability frameworks and their versions: domains, capabilities, tiers, role profiles;
 * CASE 1.0 and Moodle CSV import and export.
 */
@org.springframework.modulith.ApplicationModule
package org.attc.tracker.framework;

/**
 * Learners and their identifiers, organisations, job roles, and the local user accounts
 * with their application roles; the web security of the service.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.attc.tracker.identity;

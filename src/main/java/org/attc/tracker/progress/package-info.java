/**
 * Learner and coordinator views, site readiness, reports and exports. Reads only.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "crediting", "framework", "identity", "lti", "notifications", "shared" })
package org.attc.tracker.progress;

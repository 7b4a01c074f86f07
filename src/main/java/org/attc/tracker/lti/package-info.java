/**
 * LTI 1.3 Advantage tool: platform registrations, launch, deep linking, grades and
 * roster.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "identity", "shared", "crediting", "framework", "notifications", "runtime" })
package org.attc.tracker.lti;

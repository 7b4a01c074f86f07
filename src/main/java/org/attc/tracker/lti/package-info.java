/**
 * LTI 1.3 Advantage tool: platform registrations, launch, deep linking, grades and
 * roster.
 */
@org.springframework.modulith.ApplicationModule
package org.attc.tracker.lti;

/**
 * Learner and coordinator views, site readiness, reports and exports. Reads only.
 */
@org.springframework.modulith.ApplicationModule
package org.attc.tracker.progress;

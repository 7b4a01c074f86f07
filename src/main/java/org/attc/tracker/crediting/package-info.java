/**
 * Activity mappings, the evidence ledger and attainment per learner and capability.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "framework", "identity", "xapi", "runtime", "shared" })
package org.attc.tracker.crediting;

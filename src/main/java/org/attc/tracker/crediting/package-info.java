/**
 * Activity mappings, the evidence ledger and attainment per learner and capability.
 */
@org.springframework.modulith.ApplicationModule
package org.attc.tracker.crediting;

package org.attc.tracker.crediting.internal.engine;

/** A learner and capability whose evidence changed. */
record Affected(long learnerId, String capabilityIdentifier) {
}

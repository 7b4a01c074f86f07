package org.attc.tracker.shared;

/**
 * Implemented by the principal of a signed-in learner (after an LTI launch, or a local
 * account linked to a learner), so every module can tell whose records are their own.
 */
public interface LearnerPrincipal {

	LearnerId learnerId();

}

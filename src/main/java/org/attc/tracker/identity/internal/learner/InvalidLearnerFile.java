package org.attc.tracker.identity.internal.learner;

import java.util.List;

/** A learner upload with problems; each names its line and column. Nothing was saved. */
class InvalidLearnerFile extends RuntimeException {

	private final List<LearnerCsv.Problem> problems;

	InvalidLearnerFile(List<LearnerCsv.Problem> problems) {
		super(problems.size() + " problem(s) in the file; nothing was saved");
		this.problems = List.copyOf(problems);
	}

	List<LearnerCsv.Problem> problems() {
		return this.problems;
	}

}

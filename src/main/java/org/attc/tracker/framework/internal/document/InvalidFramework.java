package org.attc.tracker.framework.internal.document;

import java.util.List;

/** An imported file was rejected as a whole; nothing of it was saved. */
public class InvalidFramework extends RuntimeException {

	private final List<Problem> problems;

	public InvalidFramework(List<Problem> problems) {
		super(problems.size() + " problem(s), first: " + problems.get(0));
		this.problems = List.copyOf(problems);
	}

	public InvalidFramework(String at, String message) {
		this(List.of(new Problem(at, message)));
	}

	public List<Problem> problems() {
		return this.problems;
	}

}

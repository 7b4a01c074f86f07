package org.attc.tracker.framework.internal.document;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a file so the person fixing it sees them all at once. */
public final class Problems {

	/** Enough to fix a file in one go without flooding a page with a broken one. */
	static final int LIMIT = 200;

	private final List<Problem> list = new ArrayList<>();

	public void add(String at, String message) {
		if (this.list.size() < LIMIT) {
			this.list.add(new Problem(at, message));
		}
	}

	public boolean isEmpty() {
		return this.list.isEmpty();
	}

	public List<Problem> list() {
		return List.copyOf(this.list);
	}

	public void throwIfAny() {
		if (!this.list.isEmpty()) {
			throw new InvalidFramework(this.list);
		}
	}

}

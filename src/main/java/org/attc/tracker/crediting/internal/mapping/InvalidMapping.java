package org.attc.tracker.crediting.internal.mapping;

import java.util.List;

/** A mapping request with faults; each names its field. */
public class InvalidMapping extends RuntimeException {

	private final List<Fault> faults;

	public InvalidMapping(List<Fault> faults) {
		super(faults.stream().map((f) -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""));
		this.faults = List.copyOf(faults);
	}

	public List<Fault> faults() {
		return this.faults;
	}

	public record Fault(String field, String message) {
	}

}

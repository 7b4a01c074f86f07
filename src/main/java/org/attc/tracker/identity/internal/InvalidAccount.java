package org.attc.tracker.identity.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.attc.tracker.shared.FieldFault;

/**
 * A staff account request with one or more faults, all of them, so that a form can show
 * each next to its field at once. The message is every fault's message in form order; it
 * starts with the first field's name, as problem JSON names it.
 */
class InvalidAccount extends IllegalArgumentException {

	private final List<FieldFault> faults;

	InvalidAccount(List<FieldFault> faults) {
		super(faults.stream().map(FieldFault::message).collect(Collectors.joining("; ")));
		this.faults = List.copyOf(faults);
	}

	List<FieldFault> faults() {
		return this.faults;
	}

}

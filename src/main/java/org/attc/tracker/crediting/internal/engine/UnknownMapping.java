package org.attc.tracker.crediting.internal.engine;

/** No current mapping with this id. */
public class UnknownMapping extends RuntimeException {

	UnknownMapping(long id) {
		super("No mapping " + id);
	}

}

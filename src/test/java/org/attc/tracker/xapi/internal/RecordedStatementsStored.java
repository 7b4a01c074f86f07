package org.attc.tracker.xapi.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.attc.tracker.xapi.StatementsStored;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A listener as crediting will have one: with it, the Modulith registry records each
 * publication, so tests can see the event as delivered and as stored. Picked up by
 * component scanning in every test context (one context for all tests).
 */
@Component
class RecordedStatementsStored {

	private final List<StatementsStored> events = new CopyOnWriteArrayList<>();

	/** A method, not the field: the bean is a transactional proxy. */
	List<StatementsStored> events() {
		return this.events;
	}

	@ApplicationModuleListener
	void on(StatementsStored event) {
		this.events.add(event);
	}

}

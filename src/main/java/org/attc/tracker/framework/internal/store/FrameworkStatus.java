package org.attc.tracker.framework.internal.store;

/** Where a framework is in its life. */
public enum FrameworkStatus {

	/** Imported but not in use. */
	DRAFT,
	/** Its current version is the one capabilities are credited against. */
	PUBLISHED,
	/** No longer used; kept for the history of evidence. */
	RETIRED

}

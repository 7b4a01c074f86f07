package org.attc.tracker.identity;

/** A trust, or a site (hospital) within a trust. */
public enum OrganisationKind {

	TRUST, SITE

}

package org.attc.tracker.identity.internal.learner;

/** The kinds of identifier a learner can have: the four xAPI IFIs and an LTI user. */
enum IdentifierKind {

	MBOX, MBOX_SHA1SUM, OPENID, ACCOUNT, LTI

}

package org.attc.tracker.support;

/** Accounts that exist in every test database. */
public final class TestAccounts {

	/**
	 * Created on the first start from {@code app.identity.initial-admin-password} (see
	 * pom.xml).
	 */
	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "admin-test-password";

	private TestAccounts() {
	}

}

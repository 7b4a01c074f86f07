package org.attc.tracker.xapi.internal.validation;

import java.util.regex.Pattern;

/**
 * The xAPI version a request speaks ({@code X-Experience-API-Version}, xAPI 1.0.3
 * Communication §3.3; IEEE 9274.1.1 §4.1.6): 1.0.x or 2.0.x. Some rules differ between
 * the two (2.0 adds {@code contextAgents}, {@code contextGroups}).
 */
public enum XapiVersion {

	V1_0_3("1.0.3"), V2_0_0("2.0.0");

	private static final Pattern V1 = Pattern.compile("1\\.0(\\.\\d+)?");

	private static final Pattern V2 = Pattern.compile("2\\.0(\\.\\d+)?");

	private final String header;

	XapiVersion(String header) {
		this.header = header;
	}

	/**
	 * @return the version this LRS answers with
	 */
	public String header() {
		return this.header;
	}

	/**
	 * @param header the request header value
	 * @return the version, or {@code null} when it is not one this LRS serves
	 */
	public static XapiVersion fromHeader(String header) {
		if (header == null) {
			return null;
		}
		String value = header.trim();
		if (V1.matcher(value).matches()) {
			return V1_0_3;
		}
		if (V2.matcher(value).matches()) {
			return V2_0_0;
		}
		return null;
	}

	/**
	 * Whether a statement's {@code version} property is acceptable for this request
	 * version (Data §2.4.10: 1.0.x; 2.0 accepts 2.0.x as well).
	 */
	public boolean acceptsStatementVersion(String version) {
		if (V1.matcher(version).matches()) {
			return true;
		}
		return this == V2_0_0 && V2.matcher(version).matches();
	}

}

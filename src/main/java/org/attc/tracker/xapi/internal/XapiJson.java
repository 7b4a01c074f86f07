package org.attc.tracker.xapi.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON reader and writer of the LRS: numbers kept exactly (a statement reads back as
 * sent), duplicate keys refused, nesting bounded so hostile input cannot exhaust the
 * stack.
 */
public final class XapiJson {

	/** Far deeper than any statement needs (a SubStatement's group member is ~8). */
	public static final int MAX_DEPTH = 64;

	public static final JsonMapper MAPPER = JsonMapper
		.builder(JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(10_000_000).build())
			.build())
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private XapiJson() {
	}

	/** SHA-1 of a string's UTF-8 bytes: the fixed-width index key of IRIs and agents. */
	public static byte[] sha1(String text) {
		try {
			return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package org.attc.tracker.xapi.internal.statements;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * xAPI 1.0.3 Communication §1.5.2: attachment parts and the statements that cite them.
 */
class AttachmentRulesTests {

	private static final byte[] CONTENT = "hello".getBytes(StandardCharsets.UTF_8);

	private static String hash(String algorithm, byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
	}

	private static ObjectNode statementCiting(String sha2, boolean fileUrl) {
		return (ObjectNode) XapiJson.MAPPER.readTree("{\"attachments\":[{\"usageType\":\"https://x.org/usage\","
				+ "\"contentType\":\"text/plain\",\"sha2\":\"" + sha2 + "\""
				+ (fileUrl ? ",\"fileUrl\":\"https://x.org/file\"" : "") + "}]}");
	}

	private static MultipartMixed.Part part(String... headers) {
		Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 0; i < headers.length; i += 2) {
			map.put(headers[i], headers[i + 1]);
		}
		return new MultipartMixed.Part(map, CONTENT);
	}

	private static void refusedNaming(String field, Runnable match) {
		assertThatThrownBy(match::run).isInstanceOfSatisfying(XapiRequestRefused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.field()).isEqualTo(field);
		});
	}

	@Test
	void aPartMatchingItsHashAndCitedByAStatementIsKeptByItsLowerCaseHash() throws Exception {
		String sha2 = hash("SHA-256", CONTENT);
		Map<String, AttachmentPart> parts = AttachmentRules.match(List.of(statementCiting(sha2, false)),
				List.of(part("X-Experience-API-Hash", sha2.toUpperCase(), "Content-Type", "text/plain")), false);
		assertThat(parts).containsOnlyKeys(sha2);
		assertThat(parts.get(sha2).contentType()).isEqualTo("text/plain");
		assertThat(parts.get(sha2).content()).isEqualTo(CONTENT);
	}

	@Test
	void theHashLengthTellsTheSha2Variant() throws Exception {
		String sha512 = hash("SHA-512", CONTENT);
		assertThat(AttachmentRules.match(List.of(statementCiting(sha512, false)),
				List.of(part("X-Experience-API-Hash", sha512)), false))
			.containsOnlyKeys(sha512);
	}

	@Test
	void aPartWhoseContentDoesNotMatchItsHashIs400() throws Exception {
		String other = hash("SHA-256", "other".getBytes(StandardCharsets.UTF_8));
		refusedNaming("X-Experience-API-Hash", () -> AttachmentRules.match(List.of(statementCiting(other, false)),
				List.of(part("X-Experience-API-Hash", other)), false));
	}

	@Test
	void aPartWithoutItsHashHeaderIs400() {
		refusedNaming("X-Experience-API-Hash",
				() -> AttachmentRules.match(List.of(statementCiting("abc", true)), List.of(part()), false));
	}

	@Test
	void aPartNotSentAsBinaryIs400() throws Exception {
		String sha2 = hash("SHA-256", CONTENT);
		refusedNaming("Content-Transfer-Encoding", () -> AttachmentRules.match(List.of(statementCiting(sha2, false)),
				List.of(part("X-Experience-API-Hash", sha2, "Content-Transfer-Encoding", "base64")), false));
	}

	@Test
	void aPartNoStatementCitesIs400() throws Exception {
		String sha2 = hash("SHA-256", CONTENT);
		refusedNaming("X-Experience-API-Hash",
				() -> AttachmentRules.match(List.of(statementCiting("0".repeat(64), true)),
						List.of(part("X-Experience-API-Hash", sha2)), false));
	}

	@Test
	void anAttachmentWithoutFileUrlNeedsItsPartAndTheFaultNamesItsPath() {
		assertThatThrownBy(() -> AttachmentRules.match(
				List.of(statementCiting("0".repeat(64), true), statementCiting("1".repeat(64), false)), List.of(),
				true))
			.isInstanceOfSatisfying(InvalidStatement.class,
					(invalid) -> assertThat(invalid.path()).isEqualTo("$[1].attachments[0].sha2"));
	}

	@Test
	void anAttachmentWithAFileUrlNeedsNoPart() {
		assertThat(AttachmentRules.match(List.of(statementCiting("0".repeat(64), true)), List.of(), false)).isEmpty();
	}

}

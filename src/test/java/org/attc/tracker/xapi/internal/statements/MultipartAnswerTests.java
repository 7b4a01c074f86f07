package org.attc.tracker.xapi.internal.statements;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xAPI 1.0.3 Communication §1.5.2 and §2.1.3 ({@code attachments=true}): the answer is
 * {@code multipart/mixed}, the statements first, then one part per attachment.
 */
class MultipartAnswerTests {

	private static JsonNode json(String text) {
		return XapiJson.MAPPER.readTree(text);
	}

	@Test
	void theStatementsComeFirstThenEachAttachmentWithItsHashAndBinaryEncoding() {
		JsonNode result = json("{\"statements\":[],\"more\":\"\"}");
		MultipartAnswer answer = MultipartAnswer.write("b1", result,
				List.of(new AttachmentPart("abc123", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))));
		assertThat(answer.contentType()).isEqualTo("multipart/mixed; boundary=b1");
		assertThat(new String(answer.body(), StandardCharsets.UTF_8))
			.isEqualTo("--b1\r\nContent-Type: application/json\r\n\r\n{\"statements\":[],\"more\":\"\"}\r\n"
					+ "--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n"
					+ "X-Experience-API-Hash: abc123\r\n\r\nhello\r\n--b1--\r\n");
	}

	@Test
	void theAnswerParsesBackIntoItsParts() {
		byte[] binary = { 0, (byte) 0xff, '\r', '\n', '-', '-' };
		MultipartAnswer answer = MultipartAnswer.write("xapi-1", json("{\"id\":\"x\"}"),
				List.of(new AttachmentPart("h1", "application/octet-stream", binary)));
		List<MultipartMixed.Part> parts = MultipartMixed.parse(answer.body(), "xapi-1");
		assertThat(parts).hasSize(2);
		assertThat(json(new String(parts.get(0).content(), StandardCharsets.UTF_8)).get("id").stringValue())
			.isEqualTo("x");
		assertThat(parts.get(1).content()).isEqualTo(binary);
		assertThat(parts.get(1).header("x-experience-api-hash")).isEqualTo("h1");
	}

	@Test
	void withoutAttachmentsOnlyTheStatementsPartIsWritten() {
		MultipartAnswer answer = MultipartAnswer.write("b", json("{}"), List.of());
		assertThat(MultipartMixed.parse(answer.body(), "b")).hasSize(1);
	}

	@Test
	void theCitedAttachmentsAreThoseOfStatementsAndSubStatementsOnceEachInLowerCase() {
		JsonNode first = json("{\"attachments\":[{\"sha2\":\"AAA\"},{\"sha2\":\"bbb\"}]}");
		JsonNode second = json("{\"object\":{\"objectType\":\"SubStatement\",\"attachments\":[{\"sha2\":\"ccc\"}]},"
				+ "\"attachments\":[{\"sha2\":\"aaa\"}]}");
		assertThat(MultipartAnswer.citedHashes(List.of(first, second))).containsExactly("aaa", "bbb", "ccc");
	}

}

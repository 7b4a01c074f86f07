package org.attc.tracker.xapi.internal.validation;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.attc.tracker.xapi.internal.validation.ValidStatement.accepted;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.node;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.refusedAt;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.statement;

/** xAPI 1.0.3 Data §2.2 to §2.4.4: statement properties, verbs and objects. */
class StatementStructureRulesTests {

	@Test
	void rejectsAStatementWithoutVerb() {
		ObjectNode s = statement();
		s.remove("verb");
		refusedAt(s, "$.verb");
	}

	@Test
	void rejectsAnUnknownTopLevelProperty() {
		ObjectNode s = statement();
		s.put("foo", "bar");
		refusedAt(s, "$.foo");
	}

	@Test
	void rejectsAnIdThatIsNotAnRfc4122Uuid() {
		ObjectNode s = statement();
		s.put("id", "12345678-1234-5678-1234-567812345678");
		refusedAt(s, "$.id");
		s.put("id", "not-a-uuid");
		refusedAt(s, "$.id");
	}

	@Test
	void acceptsAnRfc4122Uuid() {
		ObjectNode s = statement();
		s.put("id", "0d9ba8b0-4bbd-4cd4-a4d1-2f7cb1b39f7a");
		accepted(s);
	}

	@Test
	void rejectsAVerbIdThatIsNotAnIri() {
		ObjectNode s = statement();
		((ObjectNode) s.get("verb")).put("id", "completed");
		refusedAt(s, "$.verb.id");
	}

	@Test
	void rejectsALanguageMapWithAnInvalidTag() {
		ObjectNode s = statement();
		s.set("verb", node("{\"id\":\"http://x.org/v\",\"display\":{\"english language\":\"done\"}}"));
		refusedAt(s, "$.verb.display.english language");
	}

	@Test
	void rejectsAnUnknownObjectType() {
		ObjectNode s = statement();
		((ObjectNode) s.get("object")).put("objectType", "Thing");
		refusedAt(s, "$.object.objectType");
	}

	@Test
	void rejectsAnInteractionTypeOutsideTheSpecList() {
		ObjectNode s = statement();
		((ObjectNode) s.get("object").get("definition")).put("interactionType", "compound");
		refusedAt(s, "$.object.definition.interactionType");
	}

	@Test
	void rejectsComponentsThatDoNotBelongToTheInteractionType() {
		ObjectNode s = statement();
		ObjectNode definition = (ObjectNode) s.get("object").get("definition");
		definition.put("interactionType", "true-false");
		definition.set("choices", ValidStatement.json.readTree("[{\"id\":\"a\"}]"));
		refusedAt(s, "$.object.definition.choices");
	}

	@Test
	void rejectsDuplicateInteractionComponentIds() {
		ObjectNode s = statement();
		ObjectNode definition = (ObjectNode) s.get("object").get("definition");
		definition.put("interactionType", "choice");
		definition.set("choices", ValidStatement.json.readTree("[{\"id\":\"a\"},{\"id\":\"a\"}]"));
		refusedAt(s, "$.object.definition.choices[1].id");
	}

	@Test
	void acceptsAStatementRefObject() {
		ObjectNode s = statement();
		s.set("object", node("{\"objectType\":\"StatementRef\",\"id\":\"0d9ba8b0-4bbd-4cd4-a4d1-2f7cb1b39f7a\"}"));
		accepted(s);
	}

	@Test
	void rejectsAVoidingStatementWhoseObjectIsNotAStatementRef() {
		ObjectNode s = statement();
		((ObjectNode) s.get("verb")).put("id", StatementValidator.VOIDED);
		refusedAt(s, "$.object");
	}

	@Test
	void acceptsASubStatement() {
		ObjectNode s = statement();
		s.set("object", node("{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:b@c.d\"},"
				+ "\"verb\":{\"id\":\"http://x.org/will\"},\"object\":{\"id\":\"http://x.org/a\"}}"));
		accepted(s);
	}

	@Test
	void rejectsASubStatementInsideASubStatement() {
		ObjectNode s = statement();
		s.set("object",
				node("{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:b@c.d\"},"
						+ "\"verb\":{\"id\":\"http://x.org/will\"},\"object\":{\"objectType\":\"SubStatement\","
						+ "\"actor\":{\"mbox\":\"mailto:b@c.d\"},\"verb\":{\"id\":\"http://x.org/v\"},"
						+ "\"object\":{\"id\":\"http://x.org/a\"}}}"));
		refusedAt(s, "$.object.object.objectType");
	}

	@Test
	void rejectsASubStatementWithAnId() {
		ObjectNode s = statement();
		s.set("object",
				node("{\"objectType\":\"SubStatement\",\"id\":\"0d9ba8b0-4bbd-4cd4-a4d1-2f7cb1b39f7a\","
						+ "\"actor\":{\"mbox\":\"mailto:b@c.d\"},\"verb\":{\"id\":\"http://x.org/will\"},"
						+ "\"object\":{\"id\":\"http://x.org/a\"}}"));
		refusedAt(s, "$.object.id");
	}

	@Test
	void rejectsAVersionOutside10x() {
		ObjectNode s = statement();
		s.put("version", "0.95");
		refusedAt(s, "$.version");
		s.put("version", "2.0.0");
		refusedAt(s, "$.version");
		accepted(s, XapiVersion.V2_0_0);
	}

	@Test
	void rejectsAttachmentMetadataWithoutSha2() {
		ObjectNode s = statement();
		s.set("attachments",
				ValidStatement.json.readTree("[{\"usageType\":\"http://x.org/u\",\"display\":{\"en\":\"a\"},"
						+ "\"contentType\":\"text/plain\",\"length\":3}]"));
		refusedAt(s, "$.attachments[0].sha2");
	}

}

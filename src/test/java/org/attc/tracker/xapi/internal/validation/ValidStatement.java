package org.attc.tracker.xapi.internal.validation;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Test data builder: a minimal valid statement, changed by a JSON patch-like edit. */
final class ValidStatement {

	static final JsonMapper json = JsonMapper.builder().build();

	private ValidStatement() {
	}

	static ObjectNode statement() {
		return (ObjectNode) json.readTree("""
				{"actor":{"mbox":"mailto:ann@example.org","name":"Ann"},
				 "verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-GB":"completed"}},
				 "object":{"id":"https://example.org/course/1","definition":{"name":{"en":"Course"}}}}
				""");
	}

	static ObjectNode node(String text) {
		return (ObjectNode) json.readTree(text);
	}

	static void accepted(ObjectNode statement) {
		accepted(statement, XapiVersion.V1_0_3);
	}

	static void accepted(ObjectNode statement, XapiVersion version) {
		assertThatCode(() -> new StatementValidator(version).statement(statement, "$")).doesNotThrowAnyException();
	}

	static void refusedAt(ObjectNode statement, String path) {
		refusedAt(statement, path, XapiVersion.V1_0_3);
	}

	static void refusedAt(ObjectNode statement, String path, XapiVersion version) {
		assertThatThrownBy(() -> new StatementValidator(version).statement(statement, "$"))
			.isInstanceOf(InvalidStatement.class)
			.extracting((ex) -> ((InvalidStatement) ex).path())
			.isEqualTo(path);
	}

}

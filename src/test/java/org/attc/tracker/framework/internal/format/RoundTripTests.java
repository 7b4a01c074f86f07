package org.attc.tracker.framework.internal.format;

import java.time.Instant;
import java.util.List;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.ItemKind;
import org.attc.tracker.framework.internal.document.RelationType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** export(import(x)) == x for files written independently of the exporter. */
class RoundTripTests {

	private static final String BASE = "https://tracker.example.nhs.uk";

	@Test
	void casePackageRoundTripsEveryIdentifierUriCodeTextHierarchyAndAssociation() {
		JsonNode original = FrameworkFiles.json().readTree(FrameworkFileFixtures.text("case-v1.json"));
		FrameworkDocument document = FrameworkFiles.read(FrameworkFileFixtures.bytes("case-v1.json"),
				"application/json", null);

		JsonNode exported = CasePackageFormat.write(document, BASE, Instant.parse("2026-01-01T00:00:00Z"));

		assertThat(exported).isEqualTo(original);
	}

	@Test
	void casePackageIsReadIntoTheModel() {
		FrameworkDocument document = FrameworkFiles.read(FrameworkFileFixtures.bytes("case-v1.json"),
				"application/json", null);

		assertThat(document.identifier()).isEqualTo("9d1e6b52-7a3c-4c1e-9f0a-1b2c3d4e5f60");
		assertThat(document.items()).hasSize(5);
		assertThat(document.capabilities()).extracting(Item::code).containsExactly("RS.1", "RS.2", "TR.1");
		Item receive = document.item("a1000000-0000-4000-8000-000000000002").orElseThrow();
		assertThat(receive.parent()).isEqualTo("a1000000-0000-4000-8000-000000000001");
		assertThat(receive.descriptors()).containsEntry(2,
				"Receives shipments unsupervised and rejects non-conforming ones.");
		assertThat(document.tiers()).extracting((t) -> t.rank() + ":" + t.name())
			.containsExactly("1:Foundation", "2:Practitioner", "3:Expert");
		assertThat(document.item("a1000000-0000-4000-8000-000000000004").orElseThrow().kind())
			.isEqualTo(ItemKind.DOMAIN);
		assertThat(document.relations()).filteredOn((r) -> r.type() == RelationType.PRECEDES).hasSize(1);
		assertThat(document.children(null)).extracting(Item::code).containsExactly("RS", "TR");
	}

	@Test
	void moodleCsvRoundTripsEveryColumnOfEveryRow() {
		String original = FrameworkFileFixtures.text("moodle-v1.csv");
		FrameworkDocument document = FrameworkFiles.read(FrameworkFileFixtures.bytes("moodle-v1.csv"), "text/csv",
				null);

		String exported = MoodleCsvFormat.write(document);

		assertThat(rows(exported)).isEqualTo(rows(original));
	}

	@Test
	void moodleCsvIsReadIntoTheModel() {
		FrameworkDocument document = FrameworkFiles.read(FrameworkFileFixtures.bytes("moodle-v1.csv"), "text/csv",
				null);

		assertThat(document.title()).isEqualTo("ATMP nursing competencies");
		assertThat(document.tiers()).extracting((t) -> t.rank() + ":" + t.name())
			.containsExactly("1:Not yet competent", "2:Competent", "3:Expert");
		assertThat(document.capabilities()).extracting(Item::code).containsExactly("N1.1", "N1.2", "N2.1");
		assertThat(document.items()).filteredOn((i) -> i.kind() == ItemKind.DOMAIN)
			.extracting(Item::code)
			.containsExactly("N1", "N2");
		assertThat(document.relations()).filteredOn((r) -> r.type() == RelationType.RELATED_TO).hasSize(2);
	}

	@Test
	void caseImportExportedAsMoodleAndBackKeepsIdentifiers() {
		FrameworkDocument fromCase = FrameworkFiles.read(FrameworkFileFixtures.bytes("case-v1.json"),
				"application/json", null);
		String csv = MoodleCsvFormat.write(fromCase);
		FrameworkDocument back = MoodleCsvFormat.read(csv);

		assertThat(back.identifier()).isEqualTo(fromCase.identifier());
		assertThat(back.items()).extracting(Item::identifier)
			.containsExactlyInAnyOrderElementsOf(fromCase.items().stream().map(Item::identifier).toList());
	}

	@Test
	void nativeExportReadsBackToTheSameModel() {
		FrameworkDocument fromCase = FrameworkFiles.read(FrameworkFileFixtures.bytes("case-v1.json"),
				"application/json", null);
		String nativeJson = FrameworkFiles.json().writeValueAsString(NativeFormat.write(fromCase, List.of()));
		FrameworkDocument back = FrameworkFiles.read(nativeJson.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				"application/json", null);

		assertThat(back.identifier()).isEqualTo(fromCase.identifier());
		assertThat(back.treeOrder())
			.extracting(Item::identifier, Item::code, Item::statement, Item::parent, Item::descriptors)
			.containsExactlyElementsOf(fromCase.treeOrder()
				.stream()
				.map((i) -> org.assertj.core.groups.Tuple.tuple(i.identifier(), i.code(), i.statement(), i.parent(),
						i.descriptors()))
				.toList());
		assertThat(back.tiers()).isEqualTo(fromCase.tiers());
	}

	private static List<List<String>> rows(String csv) {
		return CsvTable.parse(csv, ',').stream().filter((r) -> !r.isBlank()).map(CsvTable.Row::fields).toList();
	}

}

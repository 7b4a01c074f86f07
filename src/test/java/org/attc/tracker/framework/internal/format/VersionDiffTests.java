package org.attc.tracker.framework.internal.format;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.VersionDiff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A new version is compared with the current one item by item, by identifier. */
class VersionDiffTests {

	private static FrameworkDocument read(String name) {
		return FrameworkFiles.read(FrameworkFileFixtures.bytes(name), "application/json", null);
	}

	@Test
	void reportsAddedRemovedAndChangedItemsMatchedByIdentifier() {
		VersionDiff diff = VersionDiff.between(read("case-v1.json"), read("case-v2.json"));

		assertThat(diff.added()).extracting(VersionDiff.Entry::code).containsExactly("TR.2");
		assertThat(diff.removed()).extracting(VersionDiff.Entry::code).containsExactly("RS.2");
		assertThat(diff.changed()).extracting(VersionDiff.Change::code).containsExactlyInAnyOrder("RS.1", "TR.1");
		VersionDiff.Change rs1 = diff.changed()
			.stream()
			.filter((c) -> c.code().equals("RS.1"))
			.findFirst()
			.orElseThrow();
		assertThat(rs1.fields()).singleElement().satisfies((f) -> {
			assertThat(f.field()).isEqualTo("tier 2 descriptor");
			assertThat(f.after()).contains("informs the sponsor");
		});
		VersionDiff.Change tr1 = diff.changed()
			.stream()
			.filter((c) -> c.code().equals("TR.1"))
			.findFirst()
			.orElseThrow();
		assertThat(tr1.fields()).extracting(VersionDiff.FieldChange::field).containsExactly("statement");
		assertThat(diff.unchanged()).isEqualTo(2);
		assertThat(diff.tiersChanged()).isFalse();
	}

	@Test
	void theSameFileTwiceHasAnEmptyDiff() {
		VersionDiff diff = VersionDiff.between(read("case-v1.json"), read("case-v1.json"));
		assertThat(diff.isEmpty()).isTrue();
		assertThat(diff.unchanged()).isEqualTo(5);
	}

	@Test
	void aFirstVersionAddsEverything() {
		VersionDiff diff = VersionDiff.first(read("case-v1.json"));
		assertThat(diff.firstVersion()).isTrue();
		assertThat(diff.added()).hasSize(5);
	}

}

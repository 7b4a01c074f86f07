package org.attc.tracker.framework;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.store.FrameworkImports;
import org.attc.tracker.framework.internal.store.FrameworkStatus;
import org.attc.tracker.framework.internal.store.ImportResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framework module on its own: a new version, or a retired framework published again,
 * announces itself with {@link FrameworkPublished} (crediting rebinds and recomputes on
 * it); importing the current version again announces nothing.
 */
@ApplicationModuleTest
class FrameworkModuleTests {

	@Autowired
	FrameworkImports imports;

	String identifier;

	Long imported;

	@BeforeEach
	void identifier() {
		this.identifier = "module-test-" + UUID.randomUUID();
	}

	@AfterEach
	void retire() {
		// other test classes share the database: leave no extra published framework
		if (this.imported != null) {
			this.imports.changeStatus(this.imported, FrameworkStatus.RETIRED);
		}
	}

	@Test
	void importingANewFrameworkPublishesItsVersion(Scenario scenario) {
		scenario.stimulate(() -> this.imports.commit(document("Version one"), "module test"))
			.andWaitForEventOfType(FrameworkPublished.class)
			.matching((event) -> event.documentIdentifier().equals(this.identifier))
			.toArriveAndVerify((event, result) -> {
				this.imported = result.frameworkId();
				assertThat(result.created()).isTrue();
				assertThat(event.frameworkId()).isEqualTo(result.frameworkId());
				assertThat(event.versionId()).isEqualTo(result.versionId());
			});
	}

	@Test
	void importingTheCurrentVersionAgainPublishesNothing(PublishedEvents events) {
		ImportResult first = this.imports.commit(document("Version one"), "module test");
		this.imported = first.frameworkId();
		ImportResult again = this.imports.commit(document("Version one"), "module test");
		assertThat(again.created()).isFalse();
		assertThat(events.ofType(FrameworkPublished.class)
			.matching((event) -> event.documentIdentifier().equals(this.identifier))).hasSize(1);
	}

	@Test
	void publishingARetiredFrameworkAgainAnnouncesItsCurrentVersion(Scenario scenario) {
		ImportResult first = this.imports.commit(document("Version one"), "module test");
		this.imported = first.frameworkId();
		this.imports.changeStatus(first.frameworkId(), FrameworkStatus.RETIRED);

		scenario.stimulate(() -> this.imports.changeStatus(first.frameworkId(), FrameworkStatus.PUBLISHED))
			.andWaitForEventOfType(FrameworkPublished.class)
			.matching((event) -> event.documentIdentifier().equals(this.identifier))
			.toArriveAndVerify((event) -> assertThat(event.versionId()).isEqualTo(first.versionId()));
	}

	private FrameworkDocument document(String statement) {
		String file = """
				{"format": "attc-capability-framework/1", "identifier": "%s", "title": "Module test",
				 "tiers": [{"code": "T1"}],
				 "items": [{"code": "C1", "statement": "Group", "children": [{"code": "C1.1", "statement": "%s"}]}]}
				""".formatted(this.identifier, statement);
		return this.imports.read(file.getBytes(StandardCharsets.UTF_8), "json", null);
	}

}

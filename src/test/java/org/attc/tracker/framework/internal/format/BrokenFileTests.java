package org.attc.tracker.framework.internal.format;

import java.util.List;

import org.attc.tracker.framework.internal.document.InvalidFramework;
import org.attc.tracker.framework.internal.document.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A broken file is rejected as a whole, with every problem and where it is. */
class BrokenFileTests {

	private static List<Problem> problemsOf(String name, String mediaType) {
		InvalidFramework rejected = catchThrowableOfType(InvalidFramework.class,
				() -> FrameworkFiles.read(FrameworkFileFixtures.bytes("broken/" + name), mediaType, null));
		assertThat(rejected).as(name + " must be rejected").isNotNull();
		return rejected.problems();
	}

	@Test
	void rejectsACaseHierarchyWithACycle() {
		List<Problem> problems = problemsOf("case-cycle.json", "application/json");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.message()).contains("cycle");
			assertThat(p.at()).startsWith("$.CFItems[");
		});
	}

	@Test
	void rejectsDuplicateItemAndAssociationIdentifiers() {
		List<Problem> problems = problemsOf("case-duplicate-identifiers.json", "application/json");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFItems[1]");
			assertThat(p.message()).contains("Duplicate identifier i-a");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFAssociations[1]");
			assertThat(p.message()).contains("Duplicate association identifier s-1");
		});
	}

	@Test
	void rejectsDanglingAssociationsAndUnknownAssociationTypesTogether() {
		List<Problem> problems = problemsOf("case-dangling-associations.json", "application/json");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFAssociations[1]");
			assertThat(p.message()).contains("i-missing").contains("dangling");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFAssociations[2]");
			assertThat(p.message()).contains("i-ghost").contains("dangling");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFAssociations[3].associationType");
			assertThat(p.message()).contains("isKindOf");
		});
	}

	@Test
	void rejectsRubricLevelsThatNameNoTierOrContradictTheScale() {
		List<Problem> problems = problemsOf("case-unknown-tiers.json", "application/json");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFRubrics[0].CFRubricCriteria[1].CFRubricCriterionLevels[0].quality");
			assertThat(p.message()).contains("Foundation").contains("Beginner");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFRubrics[0].CFRubricCriteria[1].CFRubricCriterionLevels[1]");
			assertThat(p.message()).contains("unknown tier");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("$.CFRubrics[0].CFRubricCriteria[2].CFItemURI");
			assertThat(p.message()).contains("nope");
		});
	}

	@Test
	void rejectsUnknownTiersAndBadRequirementsInTheNativeFormat() {
		List<Problem> problems = problemsOf("native-unknown-tiers.json", "application/json");
		assertThat(problems).extracting(Problem::at)
			.contains("$.items[0].children[0].tiers.T4", "$.roleProfiles[0].requirements[0].tier",
					"$.roleProfiles[0].requirements[1]", "$.roleProfiles[0].requirements[2]");
		assertThat(problems).anySatisfy((p) -> assertThat(p.message()).contains("a domain, not a capability"));
		assertThat(problems).anySatisfy((p) -> assertThat(p.message()).contains("Z.9"));
	}

	@Test
	void rejectsAMoodleCsvWhoseParentsFormACycle() {
		List<Problem> problems = problemsOf("moodle-cycle.csv", "text/csv");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isIn("line 3", "line 4");
			assertThat(p.message()).contains("cycle");
		});
	}

	@Test
	void rejectsDuplicateIdNumbersUnknownParentsAndDanglingCrossReferences() {
		List<Problem> problems = problemsOf("moodle-duplicates-and-dangling.csv", "text/csv");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("line 4");
			assertThat(p.message()).contains("Duplicate ID number A1").contains("line 3");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("line 5");
			assertThat(p.message()).contains("ZZ");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("line 6");
			assertThat(p.message()).contains("NOPE").contains("dangling");
		});
	}

	@Test
	void rejectsMoodleScaleValuesAndConfigurationOutsideTheFrameworkScale() {
		List<Problem> problems = problemsOf("moodle-unknown-tier.csv", "text/csv");
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("line 3");
			assertThat(p.message()).contains("Medium").contains("unknown tier");
		});
		assertThat(problems).anySatisfy((p) -> {
			assertThat(p.at()).isEqualTo("line 3");
			assertThat(p.message()).contains("scale value 3");
		});
	}

	@Test
	void rejectsTextThatIsNotUtf8AndNamesTheLine() {
		List<Problem> problems = problemsOf("moodle-latin1.csv", "text/csv");
		assertThat(problems).singleElement().satisfies((p) -> {
			assertThat(p.at()).isEqualTo("line 4");
			assertThat(p.message()).contains("not valid UTF-8");
		});
	}

	@Test
	void rejectsUtf16Text() {
		List<Problem> problems = problemsOf("moodle-utf16.csv", "text/csv");
		assertThat(problems).singleElement().satisfies((p) -> assertThat(p.message()).contains("UTF-16"));
	}

	@Test
	void acceptsLatin1WhenTheRequestDeclaresIt() {
		var document = FrameworkFiles.read(FrameworkFileFixtures.bytes("broken/moodle-latin1.csv"), "text/csv",
				java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(document.items()).anySatisfy((i) -> assertThat(i.title()).isEqualTo("Café competency"));
	}

	@Test
	void rejectsJsonThatIsNotWellFormedWithItsLineAndColumn() {
		InvalidFramework rejected = catchThrowableOfType(InvalidFramework.class, () -> FrameworkFiles
			.read("{\n  \"CFDocument\": {\n    \"identifier\": \"x\",,\n  }\n}".getBytes(), "application/json", null));
		assertThat(rejected.problems()).singleElement().satisfies((p) -> assertThat(p.at()).startsWith("line 3"));
	}

	@Test
	void rejectsJsonThatIsNeitherCaseNorNative() {
		InvalidFramework rejected = catchThrowableOfType(InvalidFramework.class,
				() -> FrameworkFiles.read("{\"hello\": 1}".getBytes(), "application/json", null));
		assertThat(rejected.problems()).singleElement()
			.satisfies((p) -> assertThat(p.message()).contains("CFDocument"));
	}

}

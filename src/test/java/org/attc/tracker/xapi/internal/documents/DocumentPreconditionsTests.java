package org.attc.tracker.xapi.internal.documents;

import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * xAPI 1.0.3 Communication §3.1 and IEEE 9274.1.1 §4.1.4: concurrency of the document
 * resources (RFC 9110 §13.1.1, §13.1.2).
 */
class DocumentPreconditionsTests {

	private static final String ETAG = "0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33";

	private static void refusedWith(int status, Runnable request) {
		assertThatThrownBy(request::run).isInstanceOfSatisfying(XapiRequestRefused.class,
				(refused) -> org.assertj.core.api.Assertions.assertThat(refused.status()).isEqualTo(status));
	}

	@Test
	void ifMatchWithTheStoredEtagPasses() {
		assertThatCode(() -> DocumentPreconditions.check(ETAG, "\"" + ETAG + "\"", null)).doesNotThrowAnyException();
	}

	@Test
	void ifMatchWithAnyOfSeveralEtagsPassesAndWeakTagsCompareAlike() {
		assertThatCode(() -> DocumentPreconditions.check(ETAG, "\"other\", W/\"" + ETAG + "\"", null))
			.doesNotThrowAnyException();
	}

	@Test
	void ifMatchWithAnotherEtagFailsWith412() {
		refusedWith(412, () -> DocumentPreconditions.check(ETAG, "\"other\"", null));
	}

	@Test
	void ifMatchStarNeedsTheDocumentToExist() {
		assertThatCode(() -> DocumentPreconditions.check(ETAG, "*", null)).doesNotThrowAnyException();
		refusedWith(412, () -> DocumentPreconditions.check(null, "*", null));
	}

	@Test
	void ifNoneMatchStarFailsWith412WhenTheDocumentExists() {
		refusedWith(412, () -> DocumentPreconditions.check(ETAG, null, "*"));
		assertThatCode(() -> DocumentPreconditions.check(null, null, "*")).doesNotThrowAnyException();
	}

	@Test
	void ifNoneMatchWithTheStoredEtagFailsAndWithAnotherPasses() {
		refusedWith(412, () -> DocumentPreconditions.check(ETAG, null, "\"" + ETAG + "\""));
		assertThatCode(() -> DocumentPreconditions.check(ETAG, null, "\"other\"")).doesNotThrowAnyException();
	}

	@Test
	void anUnconditionalPutToAnExistingProfileDocumentIsAConflictInBothVersions() {
		refusedWith(409,
				() -> DocumentPreconditions.unconditionalPut(DocumentResource.AGENT_PROFILE, true, XapiVersion.V1_0_3));
		refusedWith(409, () -> DocumentPreconditions.unconditionalPut(DocumentResource.ACTIVITY_PROFILE, true,
				XapiVersion.V2_0_0));
	}

	@Test
	void anUnconditionalPutToAnExistingStateDocumentOverwritesIn103AndConflictsIn20() {
		assertThatCode(() -> DocumentPreconditions.unconditionalPut(DocumentResource.STATE, true, XapiVersion.V1_0_3))
			.doesNotThrowAnyException();
		refusedWith(409,
				() -> DocumentPreconditions.unconditionalPut(DocumentResource.STATE, true, XapiVersion.V2_0_0));
	}

	@Test
	void anUnconditionalPutCreatingAProfileDocumentIsRefusedIn103AndAllowedIn20() {
		refusedWith(400, () -> DocumentPreconditions.unconditionalPut(DocumentResource.ACTIVITY_PROFILE, false,
				XapiVersion.V1_0_3));
		assertThatCode(() -> DocumentPreconditions.unconditionalPut(DocumentResource.ACTIVITY_PROFILE, false,
				XapiVersion.V2_0_0))
			.doesNotThrowAnyException();
		assertThatCode(() -> DocumentPreconditions.unconditionalPut(DocumentResource.STATE, false, XapiVersion.V1_0_3))
			.doesNotThrowAnyException();
	}

}

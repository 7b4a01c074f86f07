package org.attc.tracker.crediting;

import java.util.List;

import org.attc.tracker.crediting.internal.engine.MappingAdministration;
import org.attc.tracker.crediting.internal.mapping.InvalidMapping;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.springframework.stereotype.Service;

/**
 * Mapping an LMS course, or one of its links, from inside the course: what a teacher does
 * on launching the tool in a course that credits nothing yet. The course is always the
 * teacher's own.
 */
@Service
public class CourseMappings {

	private final MappingAdministration administration;

	CourseMappings(MappingAdministration administration) {
		this.administration = administration;
	}

	/**
	 * Maps the teacher's course (or one link in it) to a capability and tier; stored
	 * statements are credited by a recompute job.
	 * @param teacher the launched teacher: the course is theirs
	 * @param resourceLinkId the link to map, or {@code null} for the whole course
	 * @param capability the capability's identifier or code
	 * @param tier the tier rank or code
	 * @param validityMonths how long credit lasts, or {@code null} for ever
	 * @return the new mapping's id
	 * @throws Refused naming the field at fault
	 */
	public long map(CourseScopedPrincipal teacher, String by, String resourceLinkId, String capability, String tier,
			Integer validityMonths) {
		if (teacher.courseContextId() == null) {
			throw new Refused(List.of(new Refused.Fault("contextId", "the launch named no course to map")));
		}
		try {
			return this.administration
				.create(new MappingRequest(null, null, teacher.issuer(), teacher.courseContextId(),
						blankToNull(resourceLinkId), null, capability, tier, null, null, null, null, null, null,
						validityMonths), by)
				.mapping()
				.id();
		}
		catch (InvalidMapping ex) {
			throw new Refused(ex.faults().stream().map((f) -> new Refused.Fault(f.field(), f.message())).toList());
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** A course mapping that was not made, with a message per field. */
	public static class Refused extends RuntimeException {

		private final List<Fault> faults;

		public Refused(List<Fault> faults) {
			super(faults.stream().map((f) -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""));
			this.faults = List.copyOf(faults);
		}

		public List<Fault> faults() {
			return this.faults;
		}

		public record Fault(String field, String message) {
		}

	}

}

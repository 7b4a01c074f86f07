package org.attc.tracker.lti;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.Objects;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.shared.LearnerPrincipal;

/**
 * The person an LTI launch signed in: who the platform says they are, in which course,
 * and the application role their LTI roles imply (scoped to that course).
 *
 * @param issuer the platform's issuer ({@code iss})
 * @param subject the platform's stable user id ({@code sub})
 * @param email e-mail address when the platform sends it, else {@code null}
 * @param name display name when the platform sends it, else {@code null}
 * @param roles the LTI role URIs as sent
 * @param context the course the launch came from, or {@code null}
 * @param appRole {@link AppRole#COORDINATOR} for teaching roles, else
 * {@link AppRole#LEARNER}; never {@link AppRole#ADMIN}
 * @param learnerId the learner the identity module resolved the user to
 */
public record LaunchedUser(String issuer, String subject, String email, String name, List<String> roles,
		LaunchContext context, AppRole appRole,
		LearnerId learnerId) implements Serializable, Principal, CourseScopedPrincipal, LearnerPrincipal {

	public LaunchedUser {
		Objects.requireNonNull(issuer, "issuer");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(appRole, "appRole");
		Objects.requireNonNull(learnerId, "learnerId");
		roles = (roles == null) ? List.of() : List.copyOf(roles);
	}

	/** The name pages show ("Signed in as"). */
	@Override
	public String getName() {
		return displayName();
	}

	@Override
	public String courseContextId() {
		return (this.context != null) ? this.context.id() : null;
	}

	/** A readable name for pages: the name, else the e-mail, else the subject. */
	public String displayName() {
		if (this.name != null && !this.name.isBlank()) {
			return this.name;
		}
		return (this.email != null && !this.email.isBlank()) ? this.email : this.subject;
	}

	/**
	 * The course (LTI context) a launch came from.
	 *
	 * @param id the context id, unique within the platform
	 * @param title the course title, may be {@code null}
	 * @param label the short course label, may be {@code null}
	 */
	public record LaunchContext(String id, String title, String label) implements Serializable {

		public LaunchContext {
			Objects.requireNonNull(id, "id");
		}

	}

}

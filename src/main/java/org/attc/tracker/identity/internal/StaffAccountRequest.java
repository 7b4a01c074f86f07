package org.attc.tracker.identity.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.attc.tracker.identity.AppRole;

/**
 * What an administrator sends to create or change a staff account, as received (JSON or a
 * form). {@link #checked()} turns it into valid values or fails with a message that names
 * the field ({@code "roles: …"}), as problem JSON and the pages show it.
 *
 * @param username sign-in name (only when creating)
 * @param displayName the person's name
 * @param email their work e-mail address
 * @param roles role names: COORDINATOR, ASSESSOR, PROGRAMME, ADMIN; LEARNER only with a
 * learner
 * @param organisations codes of trusts or sites the account is scoped to (needed for a
 * coordinator)
 * @param learnerId the learner this person also is, so they see their own record
 */
public record StaffAccountRequest(String username, String displayName, String email, List<String> roles,
		List<String> organisations, Long learnerId) {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

	// deliberately loose (RFC 5321 allows much): one @, something either side, no spaces
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	/** The request's values, checked. */
	record Checked(String username, String displayName, String email, Set<AppRole> roles, List<String> organisations,
			Long learnerId) {
	}

	Checked checked(boolean creating) {
		String name = (this.username != null) ? this.username.strip() : null;
		if (creating && (name == null || !USERNAME.matcher(name).matches())) {
			throw new IllegalArgumentException(
					"username: 3-100 letters, digits or . _ @ - are required, was: " + this.username);
		}
		String display = (this.displayName != null) ? this.displayName.strip() : "";
		if (display.isEmpty() || display.length() > 255) {
			throw new IllegalArgumentException("displayName: the person's name is required (at most 255 characters)");
		}
		String mail = (this.email != null) ? this.email.strip() : "";
		if (mail.length() > 320 || !EMAIL.matcher(mail).matches()) {
			throw new IllegalArgumentException("email: a work e-mail address such as name@nhs.net is required");
		}
		if (this.roles == null || this.roles.isEmpty()) {
			throw new IllegalArgumentException("roles: at least one of " + names() + " is required");
		}
		Set<AppRole> parsed = EnumSet.noneOf(AppRole.class);
		for (String role : this.roles) {
			AppRole value = parse(role);
			parsed.add(value);
		}
		if (this.learnerId != null && this.learnerId <= 0) {
			throw new IllegalArgumentException("learnerId: a learner's id is a positive number");
		}
		if (parsed.contains(AppRole.LEARNER) && this.learnerId == null) {
			throw new IllegalArgumentException("roles: LEARNER needs learnerId, the learner the account belongs to");
		}
		List<String> codes = new ArrayList<>(new LinkedHashSet<>((this.organisations != null)
				? this.organisations.stream().filter((c) -> c != null && !c.isBlank()).map(String::strip).toList()
				: List.of()));
		if ((parsed.contains(AppRole.COORDINATOR) || parsed.contains(AppRole.ASSESSOR)) && codes.isEmpty()
				&& !parsed.contains(AppRole.ADMIN) && !parsed.contains(AppRole.PROGRAMME)) {
			throw new IllegalArgumentException(
					"organisations: coordinators and assessors see only the learners of their organisations: give at least one trust or site code");
		}
		return new Checked(name, display, mail, parsed, codes, this.learnerId);
	}

	private static AppRole parse(String role) {
		if (role != null) {
			try {
				return AppRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// named below
			}
		}
		throw new IllegalArgumentException("roles: unknown role '" + role + "'; the roles are " + names());
	}

	private static String names() {
		return String.join(", ", Arrays.stream(AppRole.values()).map(AppRole::name).toList());
	}

}

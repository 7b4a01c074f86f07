package org.attc.tracker.identity.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.shared.FieldFault;

/**
 * What an administrator sends to create or change a staff account, as received (JSON or a
 * form). {@link #checked(boolean)} turns it into valid values or fails with every fault,
 * each message naming its field ({@code "roles: …"}), as problem JSON and the pages show
 * them.
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

	/** The fields in the order forms ask for them. */
	static final List<String> FIELDS = List.of("username", "displayName", "email", "roles", "organisations",
			"learnerId");

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

	// deliberately loose (RFC 5321 allows much): one @, something either side, no spaces
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

	/** The request's values, checked. */
	record Checked(String username, String displayName, String email, Set<AppRole> roles, List<String> organisations,
			Long learnerId) {
	}

	Checked checked(boolean creating) {
		List<FieldFault> faults = new ArrayList<>();
		Checked checked = check(creating, faults);
		if (!faults.isEmpty()) {
			throw new InvalidAccount(faults);
		}
		return checked;
	}

	/**
	 * Checks every field, adding each fault to {@code faults} (not only the first); the
	 * values returned are only to be used when none was added.
	 */
	Checked check(boolean creating, List<FieldFault> faults) {
		String name = (this.username != null) ? this.username.strip() : null;
		if (creating && (name == null || !USERNAME.matcher(name).matches())) {
			fault(faults, "username", "enter a username of 3 to 100 letters, digits or . _ @ -");
		}
		String display = (this.displayName != null) ? this.displayName.strip() : "";
		if (display.isEmpty() || display.length() > 255) {
			fault(faults, "displayName", "enter the person's name (at most 255 characters)");
		}
		String mail = (this.email != null) ? this.email.strip() : "";
		if (mail.length() > 320 || !EMAIL.matcher(mail).matches()) {
			fault(faults, "email", "enter a work e-mail address, such as name@nhs.net");
		}
		Set<AppRole> parsed = EnumSet.noneOf(AppRole.class);
		if (this.roles == null || this.roles.isEmpty()) {
			fault(faults, "roles", "choose at least one role");
		}
		else {
			for (String role : this.roles) {
				parse(role).ifPresentOrElse(parsed::add,
						() -> fault(faults, "roles", "unknown role '" + role + "'; the roles are " + names()));
			}
		}
		List<String> codes = new ArrayList<>(new LinkedHashSet<>((this.organisations != null)
				? this.organisations.stream().filter((c) -> c != null && !c.isBlank()).map(String::strip).toList()
				: List.of()));
		if ((parsed.contains(AppRole.COORDINATOR) || parsed.contains(AppRole.ASSESSOR)) && codes.isEmpty()
				&& !parsed.contains(AppRole.ADMIN) && !parsed.contains(AppRole.PROGRAMME)) {
			fault(faults, "organisations", "coordinators and assessors see only the learners of their "
					+ "organisations: give at least one trust or site code");
		}
		if (this.learnerId != null && this.learnerId <= 0) {
			fault(faults, "learnerId", "a learner id is a whole number greater than 0");
		}
		else if (parsed.contains(AppRole.LEARNER) && this.learnerId == null) {
			fault(faults, "learnerId", "a learner account needs the id of the learner it belongs to");
		}
		return new Checked(name, display, mail, parsed, codes, this.learnerId);
	}

	private static void fault(List<FieldFault> faults, String field, String text) {
		faults.add(new FieldFault(field, field + ": " + text));
	}

	private static Optional<AppRole> parse(String role) {
		if (role != null) {
			try {
				return Optional.of(AppRole.valueOf(role.strip().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				// named by the caller
			}
		}
		return Optional.empty();
	}

	private static String names() {
		return String.join(", ", Arrays.stream(AppRole.values()).map(AppRole::name).toList());
	}

}

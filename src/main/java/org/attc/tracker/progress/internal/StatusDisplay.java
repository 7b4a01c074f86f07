package org.attc.tracker.progress.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.attc.tracker.crediting.AttainmentStatus;

/**
 * How a status reads on a page: words and an icon, the colour only repeating them (WCAG
 * 1.4.1: colour is never the only signal).
 *
 * @param key stable lower-case key, as in JSON
 * @param text the words people read
 * @param icon a symbol that differs in shape per status
 * @param cssClass the tag colour (pages only: JSON readers choose their own)
 */
public record StatusDisplay(String key, String text, String icon, @JsonIgnore String cssClass) {

	/**
	 * A capability that no role profile of the learner asks for and they have no evidence
	 * of.
	 */
	public static final StatusDisplay NOT_REQUIRED = new StatusDisplay("not_required", "Not required", "–",
			"govuk-tag--grey");

	public static StatusDisplay of(AttainmentStatus status) {
		if (status == null) {
			return NOT_REQUIRED;
		}
		return switch (status) {
			case ACHIEVED -> new StatusDisplay(status.json(), "Achieved", "✓", "govuk-tag--green");
			case EXPIRING -> new StatusDisplay(status.json(), "Expiring soon", "!", "govuk-tag--yellow");
			case EXPIRED -> new StatusDisplay(status.json(), "Expired", "✗", "govuk-tag--red");
			case IN_PROGRESS -> new StatusDisplay(status.json(), "In progress", "◐", "govuk-tag--blue");
			case NOT_STARTED -> new StatusDisplay(status.json(), "Not started", "○", "govuk-tag--grey");
		};
	}

	/**
	 * Whether this attainment meets a requirement: held now, at the tier asked or higher.
	 */
	public static boolean meets(org.attc.tracker.crediting.CapabilityAttainment attainment, int tierRank) {
		return attainment != null && held(attainment.status()) && attainment.tier() != null
				&& attainment.tier() >= tierRank;
	}

	/** Whether this status means the capability is held now. */
	public static boolean held(AttainmentStatus status) {
		return status == AttainmentStatus.ACHIEVED || status == AttainmentStatus.EXPIRING;
	}

}

package org.attc.tracker.lti.internal.grades;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.attc.tracker.lti.internal.security.LaunchMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The resource links launches came from, with the AGS line item each names. The line item
 * comes from the launch's endpoint claim (AGS §3.1): a link the teacher placed through
 * deep linking with a {@code lineItem} gets one created by the platform, which then names
 * it in every launch of that link.
 */
@Component
class ResourceLinks {

	private final JdbcClient jdbc;

	ResourceLinks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A resource link.
	 *
	 * @param id our id
	 * @param platformId the platform
	 * @param resourceLinkId the platform's id of the link
	 * @param contextId its course, may be {@code null}
	 * @param title its title, may be {@code null}
	 * @param lineItemUrl the AGS line item, or {@code null}
	 * @param scopes the AGS scopes the platform granted
	 * @param lineItemMaximum the line item's scoreMaximum when read, else {@code null}
	 */
	record ResourceLink(long id, long platformId, String resourceLinkId, String contextId, String title,
			String lineItemUrl, Set<String> scopes, Double lineItemMaximum) {

		boolean canScore() {
			return this.lineItemUrl != null
					&& this.scopes.contains(org.attc.tracker.lti.internal.services.Scores.SCORE_SCOPE);
		}

	}

	/**
	 * Records the link of a resource link launch, with its line item and scopes as this
	 * launch names them (a line item added or removed later follows).
	 */
	void record(LaunchMessage message) {
		if (message.deepLinking() || message.resourceLink().id() == null) {
			return;
		}
		this.jdbc
			.sql("INSERT INTO lti_resource_link (platform_id, resource_link_id, context_id, title, line_item_url, "
					+ "ags_scopes, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
					+ "context_id = VALUES(context_id), title = VALUES(title), "
					+ "line_item_maximum = IF(line_item_url <=> VALUES(line_item_url), line_item_maximum, NULL), "
					+ "line_item_url = VALUES(line_item_url), ags_scopes = VALUES(ags_scopes), "
					+ "updated_at = VALUES(updated_at)")
			.params(message.origin().platformId(), message.resourceLink().id(), message.context().id(),
					truncate(message.resourceLink().title(), 500),
					(message.services().agsLineItem() != null && message.services().agsLineItem().length() <= 1000)
							? message.services().agsLineItem() : null,
					String.join(" ", message.services().agsScopes()), Timestamp.from(Instant.now()))
			.update();
	}

	/** The links of a course that have a line item. */
	List<ResourceLink> withLineItem(long platformId, String contextId) {
		return this.jdbc.sql(SELECT + "WHERE platform_id = ? AND context_id = ? AND line_item_url IS NOT NULL")
			.params(platformId, contextId)
			.query((rs, i) -> link(rs))
			.list();
	}

	Optional<ResourceLink> find(long id) {
		return this.jdbc.sql(SELECT + "WHERE id = ?").params(id).query((rs, i) -> link(rs)).optional();
	}

	void rememberMaximum(long id, double maximum) {
		this.jdbc.sql("UPDATE lti_resource_link SET line_item_maximum = ? WHERE id = ?").params(maximum, id).update();
	}

	private static final String SELECT = "SELECT id, platform_id, resource_link_id, context_id, title, line_item_url, "
			+ "ags_scopes, line_item_maximum FROM lti_resource_link ";

	private static ResourceLink link(java.sql.ResultSet rs) throws java.sql.SQLException {
		double maximum = rs.getDouble(8);
		Double lineItemMaximum = rs.wasNull() ? null : maximum;
		Set<String> scopes = Arrays.stream(rs.getString(7).split(" "))
			.filter((s) -> !s.isBlank())
			.collect(Collectors.toUnmodifiableSet());
		return new ResourceLink(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), scopes, lineItemMaximum);
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}

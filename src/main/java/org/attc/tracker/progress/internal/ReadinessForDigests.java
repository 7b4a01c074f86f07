package org.attc.tracker.progress.internal;

import java.util.ArrayList;
import java.util.List;

import org.attc.tracker.notifications.SiteReadinessSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The readiness board's lines (today's date) for the coordinators' weekly digest, so the
 * digest reports readiness by the board's own rule.
 */
@Component
class ReadinessForDigests implements SiteReadinessSource {

	private final SiteReadiness readiness;

	ReadinessForDigests(SiteReadiness readiness) {
		this.readiness = readiness;
	}

	@Override
	public List<Line> readiness(Authentication coordinator) {
		List<Line> lines = new ArrayList<>();
		for (SiteReadiness.Site site : this.readiness.of(coordinator, null, null).sites()) {
			for (SiteReadiness.Line line : site.lines()) {
				lines.add(new Line(site.code(), site.name(), line.roleCode(), line.roleName(), line.state().key(),
						line.state().text(), line.staff(), line.meetNow()));
			}
		}
		return lines;
	}

}

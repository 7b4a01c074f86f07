package org.attc.tracker.lti.internal.security;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.platform.PlatformsChanged;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The Content-Security-Policy of the LTI pages: the service's strict policy, except that
 * registered platforms may frame the pages ({@code frame-ancestors}), and a page that
 * auto-posts to a platform (deep linking response) may name that one origin in
 * {@code form-action}.
 */
@Component
public class LtiContentSecurityPolicy implements HeaderWriter {

	/** Request attribute: an origin a page's form may post to, besides this service. */
	public static final String FORM_ACTION_ORIGIN = LtiContentSecurityPolicy.class.getName() + ".formAction";

	// a platform registered on another node may frame the pages within this
	private static final long ORIGINS_CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final PlatformRegistrations registrations;

	private final IdentityProperties identity;

	/**
	 * Registration changes committed on this node. Origins read before the latest one do
	 * not stand for it, however late their read finished (a time stamp reset by the
	 * change could be overwritten by such a read, keeping the old origins 30 s).
	 */
	private final AtomicLong changesCommitted = new AtomicLong();

	private volatile Origins origins = new Origins(Set.of(), -1, System.nanoTime());

	LtiContentSecurityPolicy(PlatformRegistrations registrations, IdentityProperties identity) {
		this.registrations = registrations;
		this.identity = identity;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader("Content-Security-Policy")) {
			return;
		}
		Set<String> ancestors = new LinkedHashSet<>(this.identity.frameAncestors());
		ancestors.addAll(platformOrigins());
		String formAction = "'self'";
		Object extra = request.getAttribute(FORM_ACTION_ORIGIN);
		if (extra instanceof String origin && origin.matches("https?://[A-Za-z0-9.\\-:\\[\\]]+")) {
			formAction += " " + origin;
		}
		response.setHeader("Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
						+ "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
						+ "form-action " + formAction + "; frame-ancestors " + String.join(" ", ancestors));
	}

	/**
	 * A registration changed: the next page reads the origins again. Only once it has
	 * committed: a page served between the change and its commit would read the old
	 * origins and keep them for the cache's time.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	public void refresh(PlatformsChanged changed) {
		this.changesCommitted.incrementAndGet();
	}

	private Set<String> platformOrigins() {
		// taken before the database is read: what it answers is at least this recent
		long changes = this.changesCommitted.get();
		long started = System.nanoTime();
		Origins current = this.origins;
		if (current.changesSeen() == changes && started - current.readAt() < ORIGINS_CACHE_NANOS) {
			return current.origins();
		}
		return keep(new Origins(Set.copyOf(this.registrations.origins()), changes, started));
	}

	/** The read that started last wins; an earlier one may predate a change. */
	private synchronized Set<String> keep(Origins read) {
		if (read.readAt() - this.origins.readAt() > 0) {
			this.origins = read;
		}
		return this.origins.origins();
	}

	private record Origins(Set<String> origins, long changesSeen, long readAt) {
	}

}

package org.attc.tracker.lti.internal.platform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.lti.internal.LtiProperties;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, finds and removes the platforms this tool trusts. */
@Service
public class PlatformRegistrations {

	private final PlatformRegistrationRepository repository;

	private final LtiProperties properties;

	private final ApplicationEventPublisher events;

	PlatformRegistrations(PlatformRegistrationRepository repository, LtiProperties properties,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.properties = properties;
		this.events = events;
	}

	/**
	 * Registers a platform.
	 * @throws InvalidPlatformField when a field is not right
	 * @throws PlatformConflict when issuer and client id are registered already
	 */
	@Transactional
	public PlatformRegistration register(PlatformDetails details, PlatformRegistration.Origin origin) {
		PlatformDetails checked = details.checked(this.properties.allowInsecurePlatformUrls(),
				origin == PlatformRegistration.Origin.ADMIN);
		if (this.repository.findByIssuerAndClientId(checked.issuer(), checked.clientId()).isPresent()) {
			throw new PlatformConflict(checked.issuer(), checked.clientId());
		}
		PlatformRegistration saved = this.repository.saveAndFlush(new PlatformRegistration(checked, origin));
		this.events.publishEvent(new PlatformsChanged(saved.id()));
		return saved;
	}

	@Transactional(readOnly = true)
	public List<PlatformRegistration> all() {
		return this.repository.findAllByOrderByNameAscIdAsc();
	}

	@Transactional(readOnly = true)
	public Optional<PlatformRegistration> find(long id) {
		return this.repository.findById(id);
	}

	@Transactional(readOnly = true)
	public Optional<PlatformRegistration> find(String issuer, String clientId) {
		return this.repository.findByIssuerAndClientId(issuer, clientId);
	}

	@Transactional(readOnly = true)
	public List<PlatformRegistration> findByIssuer(String issuer) {
		return this.repository.findByIssuer(issuer);
	}

	/**
	 * Adds a deployment of the tool on a registered platform.
	 * @throws UnknownPlatform when there is no such registration
	 */
	@Transactional
	public PlatformRegistration addDeployment(long id, String deploymentId) {
		PlatformRegistration registration = this.repository.findById(id).orElseThrow(() -> new UnknownPlatform(id));
		if (deploymentId == null || deploymentId.isBlank() || deploymentId.strip().length() > 255) {
			throw new InvalidPlatformField("deploymentId", "is required (at most 255 characters)");
		}
		registration.addDeployment(deploymentId.strip());
		this.events.publishEvent(new PlatformsChanged(id));
		return registration;
	}

	/**
	 * @throws UnknownPlatform when there is no such registration
	 */
	@Transactional
	public void delete(long id) {
		PlatformRegistration registration = this.repository.findById(id).orElseThrow(() -> new UnknownPlatform(id));
		this.repository.delete(registration);
		this.events.publishEvent(new PlatformsChanged(id));
	}

	/**
	 * The web origins of every registered platform: they may frame the tool's LTI pages
	 * (CSP {@code frame-ancestors}).
	 */
	@Transactional(readOnly = true)
	public Set<String> origins() {
		Set<String> origins = new LinkedHashSet<>();
		for (PlatformRegistration registration : this.repository.findAll()) {
			origins.add(originOf(registration.issuer()));
			origins.add(originOf(registration.authUrl()));
		}
		return origins;
	}

	/**
	 * The web origins of one platform (its issuer's and its auth endpoint's): where its
	 * pages that frame the tool live.
	 */
	@Transactional(readOnly = true)
	public Set<String> origins(long platformId) {
		Set<String> origins = new LinkedHashSet<>();
		this.repository.findById(platformId).ifPresent((registration) -> {
			origins.add(originOf(registration.issuer()));
			origins.add(originOf(registration.authUrl()));
		});
		return origins;
	}

	/** {@code scheme://host[:port]} of a URL. */
	public static String originOf(String url) {
		// read by hand: a URL a platform sends (a deep linking return URL) may carry
		// characters in its query that java.net.URI refuses, which must not fail the page
		Matcher origin = ORIGIN.matcher(url);
		if (!origin.lookingAt()) {
			throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
		}
		return origin.group(1).toLowerCase(java.util.Locale.ROOT) + "://" + origin.group(2);
	}

	private static final Pattern ORIGIN = Pattern.compile("(?i)(https?)://([^/?#\\s]+)");

}

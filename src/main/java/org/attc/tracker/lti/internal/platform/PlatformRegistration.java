package org.attc.tracker.lti.internal.platform;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/**
 * A platform (LMS) this tool trusts: its issuer, the client id it gave the tool, the
 * deployments of the tool on it, and its OIDC, token and key endpoints (LTI 1.3 Core
 * §3.1.3, Security Framework §5.1.1). Launches from anything not registered here are
 * refused.
 */
@Entity
@Table(name = "lti_platform")
public class PlatformRegistration {

	/** How the registration came about. */
	public enum Origin {

		/** Entered by an administrator (page or API). */
		ADMIN,
		/** Created by LTI Dynamic Registration from the platform. */
		DYNAMIC

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String issuer;

	@Column(name = "client_id", nullable = false)
	private String clientId;

	@Column(name = "auth_url", nullable = false)
	private String authUrl;

	@Column(name = "token_url", nullable = false)
	private String tokenUrl;

	@Column(name = "jwks_url", nullable = false)
	private String jwksUrl;

	@Column(nullable = false)
	@Enumerated(EnumType.STRING)
	private Origin origin;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "lti_platform_deployment", joinColumns = @JoinColumn(name = "platform_id"))
	@Column(name = "deployment_id", nullable = false)
	private Set<String> deploymentIds = new LinkedHashSet<>();

	protected PlatformRegistration() {
	}

	PlatformRegistration(PlatformDetails details, Origin origin) {
		this.name = details.name();
		this.issuer = details.issuer();
		this.clientId = details.clientId();
		this.authUrl = details.authUrl();
		this.tokenUrl = details.tokenUrl();
		this.jwksUrl = details.jwksUrl();
		this.deploymentIds = new LinkedHashSet<>(details.deploymentIds());
		this.origin = origin;
		this.createdAt = Instant.now();
	}

	public Long id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public String issuer() {
		return this.issuer;
	}

	public String clientId() {
		return this.clientId;
	}

	public String authUrl() {
		return this.authUrl;
	}

	public String tokenUrl() {
		return this.tokenUrl;
	}

	public String jwksUrl() {
		return this.jwksUrl;
	}

	public Origin origin() {
		return this.origin;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	/** In order, for stable pages and answers. */
	public SortedSet<String> deploymentIds() {
		return Collections.unmodifiableSortedSet(new TreeSet<>(this.deploymentIds));
	}

	/**
	 * LTI 1.3 Core §3.1.3: a launch names the deployment; only registered ones are valid.
	 */
	public boolean hasDeployment(String deploymentId) {
		return deploymentId != null && this.deploymentIds.contains(deploymentId);
	}

	void addDeployment(String deploymentId) {
		this.deploymentIds.add(deploymentId);
	}

}

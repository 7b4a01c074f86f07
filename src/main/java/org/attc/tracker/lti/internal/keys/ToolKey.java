package org.attc.tracker.lti.internal.keys;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One of the tool's RSA signing keys: the public half as a JWK, the private half
 * encrypted (never in clear in the database, never in the application's resources). A
 * retired key signs nothing but stays published for a grace period so platforms holding a
 * message signed just before the rotation can still check it.
 */
@Entity
@Table(name = "lti_tool_key")
class ToolKey {

	@Id
	private String kid;

	@Column(name = "public_jwk", nullable = false)
	private String publicJwk;

	@Column(name = "private_key_encrypted", nullable = false)
	private String privateKeyEncrypted;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "retired_at")
	private Instant retiredAt;

	protected ToolKey() {
	}

	ToolKey(String kid, String publicJwk, String privateKeyEncrypted, Instant createdAt) {
		this.kid = kid;
		this.publicJwk = publicJwk;
		this.privateKeyEncrypted = privateKeyEncrypted;
		this.createdAt = createdAt;
	}

	String kid() {
		return this.kid;
	}

	String publicJwk() {
		return this.publicJwk;
	}

	String privateKeyEncrypted() {
		return this.privateKeyEncrypted;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant retiredAt() {
		return this.retiredAt;
	}

	boolean active() {
		return this.retiredAt == null;
	}

	void retire(Instant at) {
		if (this.retiredAt == null) {
			this.retiredAt = at;
		}
	}

	/** Published while active, and for the grace period after retirement. */
	boolean publishedAt(Instant now, Duration gracePeriod) {
		return this.retiredAt == null || this.retiredAt.plus(gracePeriod).isAfter(now);
	}

}

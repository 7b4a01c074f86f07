package org.attc.tracker.identity.internal.learner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;

/**
 * The canonical key of an identifier and its SHA-256, which the unique index holds (IRIs
 * can be longer than an index may be).
 */
record IdentifierKey(IdentifierKind kind, String text, String label) {

	static IdentifierKey of(AgentIdentifier identifier) {
		IdentifierKind kind = IdentifierKind.valueOf(identifier.kind().name());
		String label = switch (identifier.kind()) {
			case MBOX -> identifier.mbox();
			case MBOX_SHA1SUM -> "sha1:" + identifier.mboxSha1sum();
			case OPENID -> identifier.openid();
			case ACCOUNT -> identifier.accountName() + " at " + identifier.homePage();
		};
		return new IdentifierKey(kind, identifier.value(), label);
	}

	static IdentifierKey lti(String issuer, String subject) {
		return new IdentifierKey(IdentifierKind.LTI, "lti:" + issuer + "|" + subject,
				"LTI user " + subject + " from " + issuer);
	}

	static IdentifierKey lti(LtiUser user) {
		return lti(user.issuer(), user.subject());
	}

	/** The xAPI identifier this key stands for; empty for an LTI user. */
	Optional<AgentIdentifier> toAgentIdentifier() {
		String value = this.text.substring(this.text.indexOf(':') + 1);
		return switch (this.kind) {
			case MBOX -> Optional.of(AgentIdentifier.mbox(value));
			case MBOX_SHA1SUM -> Optional.of(AgentIdentifier.mboxSha1sum(value));
			case OPENID -> Optional.of(AgentIdentifier.openid(value));
			// an IRL has no unencoded '|', so the first one separates homePage from name
			case ACCOUNT -> Optional.of(AgentIdentifier.account(value.substring(0, value.indexOf('|')),
					value.substring(value.indexOf('|') + 1)));
			case LTI -> Optional.empty();
		};
	}

	byte[] hash() {
		try {
			return MessageDigest.getInstance("SHA-256").digest(this.text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}

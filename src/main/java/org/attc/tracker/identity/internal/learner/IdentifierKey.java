package org.attc.tracker.identity.internal.learner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import tools.jackson.databind.json.JsonMapper;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Reads an identifier as people and scripts write it: a JSON actor, a {@code mailto:}
	 * IRI, a 40-hex mbox_sha1sum, {@code lti:<issuer>|<subject>}, or an openid URI.
	 * @throws IllegalArgumentException naming the {@code identifier} field when it is
	 * none
	 */
	static IdentifierKey parse(String identifier) {
		try {
			if (identifier.startsWith("{")) {
				return of(AgentIdentifier.fromActor(JSON.readTree(identifier)));
			}
			if (identifier.startsWith("lti:") && identifier.indexOf('|') > 4) {
				int bar = identifier.indexOf('|');
				return lti(identifier.substring(4, bar), identifier.substring(bar + 1));
			}
			if (identifier.startsWith("mailto:")) {
				return of(AgentIdentifier.mbox(identifier));
			}
			if (identifier.matches("[0-9a-fA-F]{40}")) {
				return of(AgentIdentifier.mboxSha1sum(identifier));
			}
			return of(AgentIdentifier.openid(identifier));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("identifier: not a JSON actor, mailto: IRI, mbox_sha1sum, openid URI "
					+ "or lti:<issuer>|<subject> (" + ex.getMessage() + ")");
		}
	}

	/** The issuer and subject of an LTI key. */
	String[] ltiParts() {
		String value = this.text.substring(4);
		int bar = value.indexOf('|');
		return new String[] { value.substring(0, bar), value.substring(bar + 1) };
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

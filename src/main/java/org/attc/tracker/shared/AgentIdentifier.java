package org.attc.tracker.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An xAPI inverse functional identifier (IFI): the one property that identifies an Agent
 * or an identified Group (xAPI 1.0.3 Data §2.4.2.3, account object §2.4.2.4; unchanged in
 * IEEE 9274.1.1).
 * <p>
 * Rules enforced here, and only here:
 * <ul>
 * <li>an actor object carries exactly one of {@code mbox}, {@code mbox_sha1sum},
 * {@code openid}, {@code account};</li>
 * <li>{@code mbox} is a {@code mailto:} IRI with an address ({@code mailto:x@y});</li>
 * <li>{@code mbox_sha1sum} is 40 hexadecimal characters (the SHA-1 of the mailto
 * IRI);</li>
 * <li>{@code openid} is an absolute URI;</li>
 * <li>{@code account} is an object with exactly {@code homePage} (an absolute IRL) and
 * {@code name} (a string).</li>
 * </ul>
 * Normalisation: values are kept as given, so a statement reads back unchanged, except
 * that {@code mbox_sha1sum} is compared and keyed in lower case (hex digits carry no
 * case). {@link #value()} is a canonical key for database indexes and equality.
 */
public final class AgentIdentifier {

	/** Which inverse functional identifier this is. */
	public enum Kind {

		MBOX("mbox"), MBOX_SHA1SUM("mbox_sha1sum"), OPENID("openid"), ACCOUNT("account");

		private final String property;

		Kind(String property) {
			this.property = property;
		}

		/** The JSON property name of this identifier in an actor object. */
		public String property() {
			return this.property;
		}

	}

	private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");

	// an addr-spec is out of scope; the spec asks for "mailto:email address"
	private static final Pattern MAILTO = Pattern.compile("mailto:[^@\\s]+@[^@\\s]+");

	private final Kind kind;

	private final String first;

	private final String second;

	private AgentIdentifier(Kind kind, String first, String second) {
		this.kind = kind;
		this.first = first;
		this.second = second;
	}

	/**
	 * An {@code mbox} identifier.
	 * @param mbox a {@code mailto:} IRI
	 * @return the identifier
	 * @throws InvalidAgentIdentifier when the IRI is not a mailto IRI with an address
	 */
	public static AgentIdentifier mbox(String mbox) {
		if (mbox == null || !MAILTO.matcher(mbox).matches()) {
			throw new InvalidAgentIdentifier("mbox", "mbox must be a mailto: IRI with an e-mail address");
		}
		return new AgentIdentifier(Kind.MBOX, mbox, null);
	}

	/**
	 * An {@code mbox_sha1sum} identifier.
	 * @param sha1 40 hexadecimal characters
	 * @return the identifier
	 * @throws InvalidAgentIdentifier when it is not 40 hexadecimal characters
	 */
	public static AgentIdentifier mboxSha1sum(String sha1) {
		if (sha1 == null || !SHA1_HEX.matcher(sha1).matches()) {
			throw new InvalidAgentIdentifier("mbox_sha1sum", "mbox_sha1sum must be 40 hexadecimal characters");
		}
		return new AgentIdentifier(Kind.MBOX_SHA1SUM, sha1, null);
	}

	/**
	 * An {@code openid} identifier.
	 * @param openid an absolute URI
	 * @return the identifier
	 * @throws InvalidAgentIdentifier when it is not an absolute URI
	 */
	public static AgentIdentifier openid(String openid) {
		if (!isAbsoluteUri(openid)) {
			throw new InvalidAgentIdentifier("openid", "openid must be an absolute URI");
		}
		return new AgentIdentifier(Kind.OPENID, openid, null);
	}

	/**
	 * An {@code account} identifier.
	 * @param homePage the absolute IRL of the system that holds the account
	 * @param name the account's name on that system
	 * @return the identifier
	 * @throws InvalidAgentIdentifier when homePage is not an absolute IRL or name is
	 * missing
	 */
	public static AgentIdentifier account(String homePage, String name) {
		if (!isAbsoluteUri(homePage)) {
			throw new InvalidAgentIdentifier("account.homePage", "account.homePage must be an absolute IRL");
		}
		if (name == null) {
			throw new InvalidAgentIdentifier("account.name", "account.name is required");
		}
		return new AgentIdentifier(Kind.ACCOUNT, homePage, name);
	}

	/**
	 * Reads the identifier of an actor object (Agent or identified Group).
	 * @param actor the JSON object of an Agent or Group
	 * @return its identifier
	 * @throws InvalidAgentIdentifier naming the fault (relative to the actor) when the
	 * actor has no, more than one, or a malformed identifier
	 */
	public static AgentIdentifier fromActor(JsonNode actor) {
		if (actor == null || !actor.isObject()) {
			throw new InvalidAgentIdentifier("", "an actor must be a JSON object");
		}
		Kind found = null;
		for (Kind kind : Kind.values()) {
			if (actor.has(kind.property)) {
				if (found != null) {
					// §2.4.2.3: "Exactly One of mbox, mbox_sha1sum, openid, account is
					// required"
					throw new InvalidAgentIdentifier(kind.property, "an actor has exactly one inverse functional "
							+ "identifier, but this one has both " + found.property + " and " + kind.property);
				}
				found = kind;
			}
		}
		if (found == null) {
			throw new InvalidAgentIdentifier("", "an actor needs exactly one of mbox, mbox_sha1sum, openid, account");
		}
		JsonNode value = actor.get(found.property);
		if (found == Kind.ACCOUNT) {
			return fromAccount(value);
		}
		if (!value.isString()) {
			throw new InvalidAgentIdentifier(found.property, found.property + " must be a string");
		}
		String text = value.stringValue();
		return switch (found) {
			case MBOX -> mbox(text);
			case MBOX_SHA1SUM -> mboxSha1sum(text);
			case OPENID -> openid(text);
			case ACCOUNT -> throw new IllegalStateException();
		};
	}

	private static AgentIdentifier fromAccount(JsonNode account) {
		if (!account.isObject()) {
			throw new InvalidAgentIdentifier("account", "account must be an object with homePage and name");
		}
		for (String property : account.propertyNames()) {
			if (!property.equals("homePage") && !property.equals("name")) {
				throw new InvalidAgentIdentifier("account." + property,
						"account has only homePage and name, not " + property);
			}
		}
		JsonNode homePage = account.get("homePage");
		JsonNode name = account.get("name");
		if (homePage == null || !homePage.isString()) {
			throw new InvalidAgentIdentifier("account.homePage", "account.homePage must be a string IRL");
		}
		if (name == null || !name.isString()) {
			throw new InvalidAgentIdentifier("account.name", "account.name must be a string");
		}
		return account(homePage.stringValue(), name.stringValue());
	}

	/**
	 * The {@code mbox_sha1sum} of a mailto IRI: lower-case hex SHA-1 of the IRI as given
	 * (xAPI 1.0.3 Data §2.4.2.3).
	 * @param mbox a {@code mailto:} IRI
	 * @return 40 lower-case hexadecimal characters
	 */
	public static String sha1Of(String mbox) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(sha1.digest(mbox.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is part of every Java runtime", ex);
		}
	}

	private static boolean isAbsoluteUri(String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		try {
			return new URI(text).isAbsolute();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * @return which identifier this is
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * A canonical key, e.g. {@code mbox:mailto:a@b.c}, {@code mbox_sha1sum:<hex>},
	 * {@code openid:<uri>}, {@code account:<homePage>|<name>}.
	 * @return the key, stable across releases (it is stored in indexes)
	 */
	public String value() {
		return switch (this.kind) {
			case MBOX -> "mbox:" + this.first;
			case MBOX_SHA1SUM -> "mbox_sha1sum:" + this.first.toLowerCase(Locale.ROOT);
			case OPENID -> "openid:" + this.first;
			case ACCOUNT -> "account:" + this.first + "|" + this.second;
		};
	}

	/**
	 * @return the mailto IRI for {@link Kind#MBOX}, otherwise {@code null}
	 */
	public String mbox() {
		return (this.kind == Kind.MBOX) ? this.first : null;
	}

	/**
	 * @return the SHA-1 hex for {@link Kind#MBOX_SHA1SUM}, otherwise {@code null}
	 */
	public String mboxSha1sum() {
		return (this.kind == Kind.MBOX_SHA1SUM) ? this.first : null;
	}

	/**
	 * @return the URI for {@link Kind#OPENID}, otherwise {@code null}
	 */
	public String openid() {
		return (this.kind == Kind.OPENID) ? this.first : null;
	}

	/**
	 * @return the account home page for {@link Kind#ACCOUNT}, otherwise {@code null}
	 */
	public String homePage() {
		return (this.kind == Kind.ACCOUNT) ? this.first : null;
	}

	/**
	 * @return the account name for {@link Kind#ACCOUNT}, otherwise {@code null}
	 */
	public String accountName() {
		return (this.kind == Kind.ACCOUNT) ? this.second : null;
	}

	/**
	 * The identifier as the JSON property an actor carries, e.g.
	 * {@code {"mbox":"mailto:a@b.c"}}.
	 * @return a new object node
	 */
	public ObjectNode toJson() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		if (this.kind == Kind.ACCOUNT) {
			node.putObject("account").put("homePage", this.first).put("name", this.second);
		}
		else {
			node.put(this.kind.property, this.first);
		}
		return node;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof AgentIdentifier that && value().equals(that.value()));
	}

	@Override
	public int hashCode() {
		return Objects.hash(value());
	}

	@Override
	public String toString() {
		return value();
	}

}

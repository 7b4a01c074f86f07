package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;

/**
 * Which learner an identifier seen for the first time belongs to, as functions of what
 * the index of identifiers holds (given as a lookup from key to holder, so the rules
 * decide and {@link LearnerResolution} only reads and writes): an xAPI account joins the
 * LTI user with the same id on the same platform, an mbox joins the learner with the same
 * address in another case or known by its SHA-1, an LTI user joins the platform's xAPI
 * account with its subject or the learner with its e-mail claim. Otherwise a new learner.
 */
final class LinkingRules {

	private LinkingRules() {
	}

	/**
	 * What a first sighting decides.
	 *
	 * @param joins the learner the identifier joins; empty for a new learner
	 * @param rule why the identifier is the learner's
	 * @param note the particulars, in words (null on first sight)
	 */
	record Decision<T>(Optional<T> joins, LinkRule rule, String note) {

		static <T> Decision<T> firstSight() {
			return new Decision<>(Optional.empty(), LinkRule.FIRST_SIGHT, null);
		}

	}

	/**
	 * The learner an xAPI actor whose own key no one holds yet belongs to.
	 * @param holder who holds a key in the index (empty when no one)
	 */
	static <T> Decision<T> forActor(AgentIdentifier actor, Function<IdentifierKey, Optional<T>> holder) {
		switch (actor.kind()) {
			case MBOX -> {
				for (String mbox : mboxSpellings(actor.mbox().substring(7))) {
					// the actor's own spelling is the key that was looked up already
					Optional<T> sameMailbox = mbox.equals(actor.mbox()) ? Optional.empty()
							: lookUp(mboxKey(mbox), holder);
					if (sameMailbox.isPresent()) {
						return new Decision<>(sameMailbox, LinkRule.SAME_EMAIL,
								"same address as " + mbox + ", ignoring case");
					}
					Optional<T> bySha1 = lookUp(sha1Key(mbox), holder);
					if (bySha1.isPresent()) {
						return new Decision<>(bySha1, LinkRule.EMAIL_HASH,
								"the learner was known by the mbox_sha1sum of " + mbox);
					}
				}
			}
			case ACCOUNT -> {
				for (String issuer : issuerSpellings(actor.homePage())) {
					Optional<T> byLti = lookUp(IdentifierKey.lti(issuer, actor.accountName()), holder);
					if (byLti.isPresent()) {
						return new Decision<>(byLti, LinkRule.LMS_ACCOUNT,
								"LTI subject " + actor.accountName() + " from " + issuer);
					}
				}
			}
			default -> {
				// an mbox_sha1sum or openid names no one else
			}
		}
		return Decision.firstSight();
	}

	/**
	 * The learner an LTI user whose issuer and subject no one holds yet belongs to: the
	 * platform's xAPI account with the same user id first (Moodle sends its user id as
	 * both), then the e-mail claim.
	 */
	static <T> Decision<T> forLtiUser(LtiUser user, Function<IdentifierKey, Optional<T>> holder) {
		for (String issuer : issuerSpellings(user.issuer())) {
			Optional<T> byAccount = lookUp(accountKey(issuer, user.subject()), holder);
			if (byAccount.isPresent()) {
				return new Decision<>(byAccount, LinkRule.LMS_ACCOUNT,
						"xAPI account " + user.subject() + " at " + issuer);
			}
		}
		if (hasText(user.email())) {
			for (String mbox : mboxSpellings(user.email())) {
				Optional<T> byEmail = lookUp(mboxKey(mbox), holder).or(() -> lookUp(sha1Key(mbox), holder));
				if (byEmail.isPresent()) {
					return new Decision<>(byEmail, LinkRule.SAME_EMAIL, "e-mail claim " + user.email() + " at launch");
				}
			}
		}
		return Decision.firstSight();
	}

	/**
	 * What an mbox actor's learner is linked to besides the mbox itself, where no one
	 * else has it: the SHA-1 of the address (statements that hide it still match) and,
	 * for an address with capitals, the lower-case address and its SHA-1. Nothing for
	 * other actors. A key may be null (a lower-case spelling that is no valid mbox).
	 */
	static List<NewLearners.Link> mailboxLinks(AgentIdentifier identifier) {
		if (identifier.kind() != AgentIdentifier.Kind.MBOX) {
			return List.of();
		}
		List<NewLearners.Link> links = new ArrayList<>();
		links.add(new NewLearners.Link(sha1Key(identifier.mbox()), LinkRule.EMAIL_HASH,
				"SHA-1 of " + identifier.mbox() + ", so statements that hide the address still match"));
		String lower = identifier.mbox().toLowerCase(Locale.ROOT);
		if (!lower.equals(identifier.mbox())) {
			links.add(new NewLearners.Link(mboxKey(lower), LinkRule.SAME_EMAIL,
					"same address as " + identifier.mbox() + " in lower case, as other systems send it"));
			links.add(new NewLearners.Link(sha1Key(lower), LinkRule.EMAIL_HASH, "SHA-1 of " + lower));
		}
		return links;
	}

	/**
	 * What an LTI user's learner is linked to from the launch's e-mail claim, where no
	 * one else has it: the mailbox and its SHA-1, so the learner's statements sent with
	 * that address find them. Nothing without a usable claim.
	 */
	static List<NewLearners.Link> emailClaimLinks(LtiUser user) {
		if (!hasText(user.email())) {
			return List.of();
		}
		String mbox = "mailto:" + user.email().strip();
		IdentifierKey mboxKey = mboxKey(mbox);
		if (mboxKey == null) {
			return List.of();
		}
		return List.of(
				new NewLearners.Link(mboxKey, LinkRule.SAME_EMAIL,
						"e-mail claim sent by " + user.issuer() + " at launch"),
				new NewLearners.Link(sha1Key(mbox), LinkRule.EMAIL_HASH, "SHA-1 of " + mbox));
	}

	/**
	 * Every key that resolving this actor looks up or links ({@link #forActor} and
	 * {@link #mailboxLinks}), once each: a batch of first sightings asks the database
	 * about all of them in one query.
	 */
	static List<IdentifierKey> consultedKeys(AgentIdentifier actor) {
		List<IdentifierKey> keys = new ArrayList<>();
		keys.add(IdentifierKey.of(actor));
		if (actor.kind() == AgentIdentifier.Kind.MBOX) {
			List<String> spellings = new ArrayList<>(mboxSpellings(actor.mbox().substring(7)));
			spellings.add(actor.mbox().toLowerCase(Locale.ROOT));
			spellings.forEach((mbox) -> {
				keys.add(mboxKey(mbox));
				keys.add(sha1Key(mbox));
			});
			mailboxLinks(actor).forEach((link) -> keys.add(link.key()));
		}
		else if (actor.kind() == AgentIdentifier.Kind.ACCOUNT) {
			issuerSpellings(actor.homePage())
				.forEach((issuer) -> keys.add(IdentifierKey.lti(issuer, actor.accountName())));
		}
		Map<String, IdentifierKey> distinct = new LinkedHashMap<>();
		keys.stream().filter((k) -> k != null).forEach((k) -> distinct.putIfAbsent(k.text(), k));
		return List.copyOf(distinct.values());
	}

	private static <T> Optional<T> lookUp(IdentifierKey key, Function<IdentifierKey, Optional<T>> holder) {
		return (key != null) ? holder.apply(key) : Optional.empty();
	}

	static IdentifierKey sha1Key(String mbox) {
		return IdentifierKey.of(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(mbox)));
	}

	/** The key of a mailbox; null for a spelling that is no valid mbox. */
	static IdentifierKey mboxKey(String mbox) {
		try {
			return IdentifierKey.of(AgentIdentifier.mbox(mbox));
		}
		catch (InvalidAgentIdentifier ex) {
			return null;
		}
	}

	private static IdentifierKey accountKey(String homePage, String name) {
		try {
			return IdentifierKey.of(AgentIdentifier.account(homePage, name));
		}
		catch (InvalidAgentIdentifier ex) {
			return null;
		}
	}

	/**
	 * Moodle's wwwroot (the xAPI homePage) and its LTI issuer differ at most by a final
	 * slash.
	 */
	private static List<String> issuerSpellings(String issuer) {
		String bare = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		return List.of(bare, bare + "/");
	}

	/**
	 * E-mail addresses are matched as sent and in lower case; LMSs and content differ in
	 * case.
	 */
	private static List<String> mboxSpellings(String email) {
		List<String> spellings = new ArrayList<>();
		spellings.add("mailto:" + email.strip());
		String lower = "mailto:" + email.strip().toLowerCase(Locale.ROOT);
		if (!spellings.contains(lower)) {
			spellings.add(lower);
		}
		return spellings;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}

package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the one learner an identifier belongs to, linking it to a learner already known
 * by a rule (same e-mail, SHA-1 of a known mailbox, LMS account equal to an LTI user) or
 * creating a learner on first sight. Each resolution runs in its own short transaction
 * and is retried when another node or thread created the same identifier at the same
 * moment.
 */
@Component
public class LearnerResolution {

	private static final Log log = LogFactory.getLog(LearnerResolution.class);

	private final LearnerRepository learners;

	private final LearnerIdentifierRepository identifiers;

	private final OrganisationRepository organisations;

	private final TransactionTemplate ownTransaction;

	LearnerResolution(LearnerRepository learners, LearnerIdentifierRepository identifiers,
			OrganisationRepository organisations, PlatformTransactionManager transactionManager) {
		this.learners = learners;
		this.identifiers = identifiers;
		this.organisations = organisations;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public LearnerId resolveActor(AgentIdentifier identifier, String name) {
		return retryingOnRace(() -> this.ownTransaction.execute((status) -> resolveActorNow(identifier, name)));
	}

	public LearnerId resolveLtiUser(LtiUser user) {
		return retryingOnRace(() -> this.ownTransaction.execute((status) -> resolveLtiUserNow(user)));
	}

	public Optional<LearnerId> find(AgentIdentifier identifier) {
		return this.identifiers.findLearnerIdByKeyHash(IdentifierKey.of(identifier).hash()).map(LearnerId::new);
	}

	private LearnerId resolveActorNow(AgentIdentifier identifier, String name) {
		IdentifierKey key = IdentifierKey.of(identifier);
		Optional<LearnerIdentifier> known = this.identifiers.findByKeyHash(key.hash());
		if (known.isPresent()) {
			Learner learner = known.get().learner();
			learner.learnAbout(name, null);
			return learner.learnerId();
		}
		String email = (identifier.kind() == AgentIdentifier.Kind.MBOX) ? identifier.mbox().substring(7) : null;
		Learner target = null;
		LinkRule rule = LinkRule.FIRST_SIGHT;
		String note = null;
		switch (identifier.kind()) {
			case MBOX -> {
				for (String mbox : mboxSpellings(identifier.mbox().substring(7))) {
					Optional<Learner> sameMailbox = mbox.equals(identifier.mbox()) ? Optional.empty()
							: learnerOf(mboxKey(mbox));
					Optional<Learner> bySha1 = learnerOf(sha1Key(mbox));
					if (sameMailbox.isPresent() || bySha1.isPresent()) {
						target = sameMailbox.orElseGet(bySha1::get);
						rule = sameMailbox.isPresent() ? LinkRule.SAME_EMAIL : LinkRule.EMAIL_HASH;
						note = sameMailbox.isPresent() ? "same address as " + mbox + ", ignoring case"
								: "the learner was known by the mbox_sha1sum of " + mbox;
						break;
					}
				}
			}
			case ACCOUNT -> {
				for (String issuer : issuerSpellings(identifier.homePage())) {
					Optional<Learner> byLti = learnerOf(IdentifierKey.lti(issuer, identifier.accountName()));
					if (byLti.isPresent()) {
						target = byLti.get();
						rule = LinkRule.LMS_ACCOUNT;
						note = "LTI subject " + identifier.accountName() + " from " + issuer;
						break;
					}
				}
			}
			default -> {
			}
		}
		if (target == null) {
			target = this.learners.save(new Learner(name, email));
		}
		else {
			target.learnAbout(name, email);
		}
		target.link(key, rule, note);
		if (identifier.kind() == AgentIdentifier.Kind.MBOX) {
			linkIfFree(target, sha1Key(identifier.mbox()), LinkRule.EMAIL_HASH,
					"SHA-1 of " + identifier.mbox() + ", so statements that hide the address still match");
			String lower = identifier.mbox().toLowerCase(Locale.ROOT);
			if (!lower.equals(identifier.mbox())) {
				linkIfFree(target, mboxKey(lower), LinkRule.SAME_EMAIL,
						"same address as " + identifier.mbox() + " in lower case, as other systems send it");
				linkIfFree(target, sha1Key(lower), LinkRule.EMAIL_HASH, "SHA-1 of " + lower);
			}
		}
		this.learners.flush();
		return target.learnerId();
	}

	private LearnerId resolveLtiUserNow(LtiUser user) {
		IdentifierKey key = IdentifierKey.lti(user);
		Optional<LearnerIdentifier> known = this.identifiers.findByKeyHash(key.hash());
		Learner target;
		if (known.isPresent()) {
			target = known.get().learner();
			target.learnAbout(user.name(), user.email());
		}
		else {
			target = null;
			LinkRule rule = LinkRule.FIRST_SIGHT;
			String note = null;
			for (String issuer : issuerSpellings(user.issuer())) {
				Optional<Learner> byAccount = learnerOf(accountKey(issuer, user.subject()));
				if (byAccount.isPresent()) {
					target = byAccount.get();
					rule = LinkRule.LMS_ACCOUNT;
					note = "xAPI account " + user.subject() + " at " + issuer;
					break;
				}
			}
			if (target == null && hasText(user.email())) {
				for (String mbox : mboxSpellings(user.email())) {
					Optional<Learner> byEmail = learnerOf(mboxKey(mbox)).or(() -> learnerOf(sha1Key(mbox)));
					if (byEmail.isPresent()) {
						target = byEmail.get();
						rule = LinkRule.SAME_EMAIL;
						note = "e-mail claim " + user.email() + " at launch";
						break;
					}
				}
			}
			if (target == null) {
				target = this.learners.save(new Learner(user.name(), user.email()));
			}
			else {
				target.learnAbout(user.name(), user.email());
			}
			target.link(key, rule, note);
		}
		if (hasText(user.email())) {
			String mbox = "mailto:" + user.email().strip();
			IdentifierKey mboxKey = mboxKey(mbox);
			if (mboxKey != null) {
				linkIfFree(target, mboxKey, LinkRule.SAME_EMAIL,
						"e-mail claim sent by " + user.issuer() + " at launch");
				linkIfFree(target, sha1Key(mbox), LinkRule.EMAIL_HASH, "SHA-1 of " + mbox);
			}
		}
		if (hasText(user.organisationCode())) {
			Optional<Organisation> organisation = this.organisations.findByCode(user.organisationCode().strip());
			if (organisation.isPresent()) {
				target.joinOrganisation(organisation.get().id());
			}
			else {
				log.info("LTI launch named unknown organisation code '" + user.organisationCode() + "'; ignored");
			}
		}
		target.addJobRoles(user.jobRoles().stream().map(String::strip).filter((r) -> !r.isEmpty()).toList());
		this.learners.flush();
		return target.learnerId();
	}

	private Optional<Learner> learnerOf(IdentifierKey key) {
		if (key == null) {
			return Optional.empty();
		}
		return this.identifiers.findByKeyHash(key.hash()).map(LearnerIdentifier::learner);
	}

	private void linkIfFree(Learner learner, IdentifierKey key, LinkRule rule, String note) {
		if (key != null && this.identifiers.findByKeyHash(key.hash()).isEmpty()
				&& learner.identifiers().stream().noneMatch((i) -> i.keyText().equals(key.text()))) {
			learner.link(key, rule, note);
		}
	}

	private static IdentifierKey sha1Key(String mbox) {
		return IdentifierKey.of(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(mbox)));
	}

	private static IdentifierKey mboxKey(String mbox) {
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

	private static LearnerId retryingOnRace(Supplier<LearnerId> resolution) {
		for (int attempt = 1;; attempt++) {
			try {
				return resolution.get();
			}
			catch (DataIntegrityViolationException ex) {
				// the same identifier was linked concurrently: the next attempt finds it
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

}

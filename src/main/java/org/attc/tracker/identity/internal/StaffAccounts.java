package org.attc.tracker.identity.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.internal.learner.LearnerDirectory;
import org.attc.tracker.shared.FieldFault;
import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators manage local accounts: create one (its first password answered once,
 * stored only as a hash), change its roles, scope and learner, disable it (never delete:
 * the audit and what the person did keep their author), reset its password. Every change
 * is audited with who made it.
 */
@Service
@Transactional
public class StaffAccounts {

	private static final SecureRandom random = new SecureRandom();

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final LearnerDirectory learners;

	private final JdbcTemplate jdbc;

	StaffAccounts(UserAccountRepository accounts, PasswordEncoder passwordEncoder, LearnerDirectory learners,
			JdbcTemplate jdbc) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.learners = learners;
		this.jdbc = jdbc;
	}

	/** A new account and its first password, which is not kept anywhere but its hash. */
	public record Created(StaffAccountView account, String password) {
	}

	public Created create(StaffAccountRequest request, Authentication caller) {
		StaffAccountRequest.Checked checked = validated(request, true);
		if (this.accounts.findByUsername(checked.username()).isPresent()) {
			throw new AccountConflict("username: an account named " + checked.username() + " exists already");
		}
		String password = newPassword();
		UserAccount account = new UserAccount(checked.username(), this.passwordEncoder.encode(password),
				checked.displayName(), checked.roles());
		describe(account, checked);
		account = this.accounts.saveAndFlush(account);
		audit(account, "CREATED", caller, summary(account));
		return new Created(view(account, false), password);
	}

	@Transactional(readOnly = true)
	public List<StaffAccountView> list() {
		return this.accounts.findAllByOrderByUsername().stream().map((a) -> view(a, false)).toList();
	}

	@Transactional(readOnly = true)
	public StaffAccountView get(long id) {
		return view(find(id), true);
	}

	/**
	 * Replaces name, e-mail, roles, scope and learner link (not the username), and
	 * enables or disables the account when {@code enabled} is given: all or nothing.
	 */
	public StaffAccountView update(long id, StaffAccountRequest request, Boolean enabled, Authentication caller) {
		UserAccount account = find(id);
		StaffAccountRequest.Checked checked = validated(request, false);
		if (isSelf(account, caller) && !checked.roles().contains(AppRole.ADMIN)) {
			throw new AccountConflict("roles: you cannot take the ADMIN role from your own account");
		}
		if (isSelf(account, caller) && Boolean.FALSE.equals(enabled)) {
			throw new AccountConflict("enabled: you cannot disable your own account");
		}
		describe(account, checked);
		audit(account, "CHANGED", caller, summary(account));
		if (Boolean.TRUE.equals(enabled) && !account.enabled()) {
			account.enable();
			audit(account, "ENABLED", caller, null);
		}
		else if (Boolean.FALSE.equals(enabled) && account.enabled()) {
			account.disable();
			audit(account, "DISABLED", caller, null);
		}
		return view(account, true);
	}

	/** Disables the account: it can no longer sign in; everything it did stays. */
	public StaffAccountView disable(long id, Authentication caller) {
		UserAccount account = find(id);
		if (isSelf(account, caller)) {
			throw new AccountConflict("id: you cannot disable your own account");
		}
		if (account.enabled()) {
			account.disable();
			audit(account, "DISABLED", caller, null);
		}
		return view(account, true);
	}

	public StaffAccountView enable(long id, Authentication caller) {
		UserAccount account = find(id);
		if (!account.enabled()) {
			account.enable();
			audit(account, "ENABLED", caller, null);
		}
		return view(account, true);
	}

	/** A new random password for the account, answered once. */
	public String resetPassword(long id, Authentication caller) {
		UserAccount account = find(id);
		String password = newPassword();
		account.changePassword(this.passwordEncoder.encode(password));
		audit(account, "PASSWORD_RESET", caller, null);
		return password;
	}

	/**
	 * Removes the account's single sign-on links (issuer and subject); answers how many
	 * there were.
	 */
	public int unlinkSingleSignOn(long id, Authentication caller) {
		UserAccount account = find(id);
		List<String> links = this.jdbc.query(
				"SELECT issuer, subject FROM id_user_account_sso_link WHERE account_id = ? ORDER BY id",
				(rs, n) -> "issuer " + rs.getString(1) + ", subject " + rs.getString(2), account.id());
		if (links.isEmpty()) {
			return 0;
		}
		this.jdbc.update("DELETE FROM id_user_account_sso_link WHERE account_id = ?", account.id());
		String detail = String.join("; ", links);
		audit(account, "SSO_UNLINKED", caller, (detail.length() > 2000) ? detail.substring(0, 2000) : detail);
		return links.size();
	}

	/**
	 * The request checked field by field and against the organisations and learners that
	 * exist, in one pass: every fault at once, so a form can show them all.
	 */
	private StaffAccountRequest.Checked validated(StaffAccountRequest request, boolean creating) {
		List<FieldFault> faults = new ArrayList<>();
		StaffAccountRequest.Checked checked = request.check(creating, faults);
		try {
			this.learners.organisationIdsByCode(checked.organisations());
		}
		catch (IllegalArgumentException ex) {
			faults.add(FieldFault.of(ex.getMessage()).orElseThrow());
		}
		if (checked.learnerId() != null && checked.learnerId() > 0
				&& this.learners.profile(new LearnerId(checked.learnerId())).isEmpty()) {
			faults.add(new FieldFault("learnerId", "learnerId: there is no learner with id " + checked.learnerId()));
		}
		if (!faults.isEmpty()) {
			// in the order the form asks
			faults.sort(Comparator.comparingInt((fault) -> StaffAccountRequest.FIELDS.indexOf(fault.field())));
			throw new InvalidAccount(faults);
		}
		return checked;
	}

	private void describe(UserAccount account, StaffAccountRequest.Checked checked) {
		Set<Long> organisationIds = this.learners.organisationIdsByCode(checked.organisations());
		// a learner merged into another signs in as the survivor
		Long learnerId = (checked.learnerId() != null)
				? this.learners.current(new LearnerId(checked.learnerId())).value() : null;
		account.describe(checked.displayName(), checked.email(), checked.roles(), organisationIds, learnerId);
	}

	private UserAccount find(long id) {
		return this.accounts.findById(id).orElseThrow(() -> new UnknownAccount(id));
	}

	private static boolean isSelf(UserAccount account, Authentication caller) {
		return caller != null && account.username().equals(caller.getName());
	}

	private String summary(UserAccount account) {
		return "roles " + account.roles().stream().sorted().map(AppRole::name).toList() + ", organisations "
				+ this.learners.organisationCodesById(account.organisationIds()) + ", learner "
				+ ((account.learnerId() != null) ? account.learnerId() : "none") + ", e-mail " + account.email();
	}

	private void audit(UserAccount account, String action, Authentication caller, String detail) {
		this.jdbc.update(
				"INSERT INTO id_user_account_audit (account_id, action, actor, detail, at) VALUES (?, ?, ?, ?, ?)",
				account.id(), action, (caller != null) ? caller.getName() : "system", detail,
				Timestamp.from(Instant.now()));
	}

	private StaffAccountView view(UserAccount account, boolean withAudit) {
		List<StaffAccountView.AuditEntry> audit = withAudit ? this.jdbc.query(
				"SELECT action, actor, at, detail FROM id_user_account_audit WHERE account_id = ? ORDER BY at DESC, id DESC",
				(rs, n) -> new StaffAccountView.AuditEntry(rs.getString(1), rs.getString(2),
						rs.getTimestamp(3).toInstant(), rs.getString(4)),
				account.id()) : List.of();
		List<StaffAccountView.SingleSignOnLink> links = withAudit ? this.jdbc.query(
				"SELECT issuer, subject, linked_at FROM id_user_account_sso_link WHERE account_id = ? ORDER BY id",
				(rs, n) -> new StaffAccountView.SingleSignOnLink(rs.getString(1), rs.getString(2),
						rs.getTimestamp(3).toInstant()),
				account.id()) : List.of();
		return new StaffAccountView(account.id(), account.username(), account.displayName(), account.email(),
				account.roles(), this.learners.organisationCodesById(account.organisationIds()), account.learnerId(),
				account.enabled(), account.createdAt(), account.updatedAt(), links, audit);
	}

	private static String newPassword() {
		// 144 random bits, URL-safe so it can be typed and pasted without surprises
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}

package org.attc.tracker.identity.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.IdentityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminAccountTests {

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theConfiguredPasswordWasUsedForTheFirstAdministrator() {
		UserAccount admin = this.accounts.findByUsername(InitialAdminAccount.USERNAME).orElseThrow();
		assertThat(this.passwordEncoder.matches("admin-test-password", admin.passwordHash())).isTrue();
		assertThat(admin.roles()).contains(AppRole.ADMIN);
	}

	@Test
	@Transactional // rolled back: the shared test database keeps its accounts
	void withNoConfiguredPasswordARandomOneIsPrintedOnceAndWorks(CapturedOutput output) {
		// an empty account table (rolled back); the audit of accounts goes with them here
		this.jdbc.update("DELETE FROM id_user_account_audit");
		this.accounts.deleteAll();
		this.accounts.flush();
		new InitialAdminAccount(this.accounts, this.passwordEncoder, new IdentityProperties("", List.of(), null),
				this.transaction)
			.createWhenNoAccountExists();

		Matcher printed = Pattern.compile("Password: (\\S+)").matcher(output.getOut());
		assertThat(printed.find()).isTrue();
		String password = printed.group(1);
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		UserAccount admin = this.accounts.findByUsername(InitialAdminAccount.USERNAME).orElseThrow();
		assertThat(this.passwordEncoder.matches(password, admin.passwordHash())).isTrue();
	}

	@Test
	@Transactional
	void noAccountIsCreatedWhenAccountsExist(CapturedOutput output) {
		long before = this.accounts.count();
		new InitialAdminAccount(this.accounts, this.passwordEncoder, new IdentityProperties("", List.of(), null),
				this.transaction)
			.createWhenNoAccountExists();
		assertThat(this.accounts.count()).isEqualTo(before);
		assertThat(output.getOut()).doesNotContain("Password: ");
	}

}

package org.attc.tracker.xapi.internal;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrators' page for LRS clients, through a signed-in browser session. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LrsClientsPageTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	@Test
	void anAdminCreatesAClientOnThePageAndSeesTheSecretOnce() {
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String page = browser.get("/admin/lrs-clients").body();
		String name = "Moodle <Trust " + UUID.randomUUID() + ">";
		HttpResponse<String> created = browser.postForm("/admin/lrs-clients", Map.of("name", name, "scopes",
				"statements/write", "organisation", "Trust A", "_csrf", HttpTestClient.csrfToken(page)));
		assertThat(created.statusCode()).isEqualTo(200);
		// output is escaped
		assertThat(created.body()).contains("Moodle &lt;Trust").doesNotContain("Moodle <Trust");
		Matcher key = Pattern.compile("id=\"created-key\">([^<]+)<").matcher(created.body());
		Matcher secret = Pattern.compile("id=\"created-secret\">([^<]+)<").matcher(created.body());
		assertThat(key.find()).isTrue();
		assertThat(secret.find()).isTrue();
		assertThat(this.clients.authenticate(key.group(1), secret.group(1))).isPresent();
		assertThat(browser.get("/admin/lrs-clients").body()).contains(key.group(1)).doesNotContain(secret.group(1));
	}

	@Test
	void theFormSaysWhatIsMissing() {
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String page = browser.get("/admin/lrs-clients").body();
		HttpResponse<String> response = browser.postForm("/admin/lrs-clients",
				Map.of("name", "No scopes", "_csrf", HttpTestClient.csrfToken(page)));
		assertThat(response.body()).contains("Choose at least one scope.");
	}

	@Test
	void thePageNeedsSigningIn() {
		assertThat(new HttpTestClient(this.port).get("/admin/lrs-clients").statusCode()).isEqualTo(302);
	}

}

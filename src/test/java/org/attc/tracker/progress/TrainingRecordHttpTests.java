package org.attc.tracker.progress;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printable training record over real HTTP: a learner downloads their own, a
 * coordinator one of their learners (and no one else's); its verification link shows the
 * record's name, date and capabilities to anyone, and an altered link shows nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TrainingRecordHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	static ProgressTestData data;

	@BeforeEach
	void setUp() {
		if (data == null) {
			data = ProgressTestData.create(new HttpTestClient(this.port), this.jdbc, this.passwordEncoder);
		}
	}

	private HttpTestClient signedIn(String user) {
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> login = browser.login(user, data.password);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return browser;
	}

	private HttpResponse<byte[]> anyoneWith(String user, String path) {
		HttpTestClient client = new HttpTestClient(this.port);
		return client.sendForBytes(
				client.request(path).header("Authorization", HttpTestClient.basic(user, data.password)).GET());
	}

	private record Pdf(String text, List<String> links) {
	}

	private static Pdf read(byte[] bytes) throws IOException {
		try (PDDocument document = Loader.loadPDF(bytes)) {
			List<String> links = new ArrayList<>();
			for (PDPage page : document.getPages()) {
				for (PDAnnotation annotation : page.getAnnotations()) {
					if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
						links.add(uri.getURI());
					}
				}
			}
			return new Pdf(new PDFTextStripper().getText(document), links);
		}
	}

	private static String verificationPath(Pdf pdf) {
		assertThat(pdf.links()).hasSize(1);
		String url = pdf.links().get(0);
		assertThat(url).matches("http://[^/]+/verify/[A-Za-z0-9_-]{43}");
		return url.substring(url.indexOf("/verify/"));
	}

	@Test
	void aLearnerDownloadsTheirRecordWithCapabilityTierEvidenceAndExpiry() throws IOException {
		HttpTestClient alice = signedIn(data.aliceAccount);
		assertThat(alice.get("/my/capabilities").body()).contains("/my/capabilities/record.pdf");
		HttpResponse<byte[]> response = alice.sendForBytes(alice.request("/my/capabilities/record.pdf").GET());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");

		Pdf pdf = read(response.body());
		String text = pdf.text();
		assertThat(text).contains("Training record").contains("Alice Ahmed");
		assertThat(text).contains("Capabilities held (1)");
		assertThat(text).contains("D9.1").contains("Tier 2").contains("Expires");
		// who she is: organisation and job role by the names people read
		assertThat(text).contains("Organisation: Northgate General " + data.suffix)
			.contains("Job role: Research nurse (RN)");
		// the evidence: the activity by its name, score and source in words; no IRI, no
		// statement id
		assertThat(text).contains(data.activityName("D9.1")).contains("85%").contains("Learning record");
		assertThat(text.replaceAll("\\s+", "")).doesNotContain(data.activity("D9.1").replaceAll("\\s+", ""));
		assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		// what Alice does not hold is not on it
		assertThat(text).doesNotContain("D1.1");
		verificationPath(pdf);
	}

	@Test
	void theVerificationLinkShowsNameDateAndCapabilitiesToAnyoneAndAnAlteredOneNothing() throws IOException {
		HttpTestClient dev = signedIn(data.coordinatorA);
		HttpResponse<byte[]> response = dev
			.sendForBytes(dev.request("/learners/" + data.dev + "/capabilities/record.pdf").GET());
		assertThat(response.statusCode()).isEqualTo(200);
		Pdf pdf = read(response.body());
		assertThat(pdf.text()).contains("Dev Desai").contains("D10.1").contains("Tier 3").contains("D9.1");
		// capabilities in framework order: D9.1 before D10.1 before D10.2
		String devText = pdf.text();
		assertThat(devText.indexOf("D9.1")).isLessThan(devText.indexOf("D10.1"));
		assertThat(devText.indexOf("D10.1")).isLessThan(devText.indexOf("D10.2"));
		assertThat(devText).contains("Job role: Data manager (DM)");
		String path = verificationPath(pdf);

		HttpTestClient anyone = new HttpTestClient(this.port);
		HttpResponse<String> page = anyone.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Genuine training record")
			.contains("Dev Desai")
			.contains("D10.1")
			.contains("D9.1")
			.contains("Tier 3");
		// nothing else about the person: no e-mail, organisation or evidence
		assertThat(page.body()).doesNotContain("@nhs.net")
			.doesNotContain(data.siteA1)
			.doesNotContain(data.activity("D9.1"));
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

		String token = path.substring("/verify/".length());
		char last = token.charAt(token.length() - 1);
		String altered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertThat(anyone.get("/verify/" + altered).statusCode()).isEqualTo(404);
		assertThat(anyone.get("/verify/" + token.substring(1)).statusCode()).isEqualTo(404);
		assertThat(anyone.get("/verify/not-a-token").statusCode()).isEqualTo(404);
		// only the token's hash is stored
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM prog_training_record WHERE CAST(token_hash AS CHAR) = ? OR capabilities LIKE ?",
				Integer.class, token, "%" + token + "%"))
			.isZero();
	}

	@Test
	void aRecordIsOnlyForItsLearnerAndStaffWhoMaySeeThem() {
		HttpTestClient coordinatorB = signedIn(data.coordinatorB);
		assertThat(coordinatorB
			.sendForBytes(coordinatorB.request("/learners/" + data.alice + "/capabilities/record.pdf").GET())
			.statusCode()).isEqualTo(404);
		HttpTestClient alice = signedIn(data.aliceAccount);
		assertThat(alice.sendForBytes(alice.request("/learners/" + data.bob + "/capabilities/record.pdf").GET())
			.statusCode()).isEqualTo(404);
		HttpResponse<byte[]> own = anyoneWith(data.coordinatorA,
				"/api/progress/learners/" + data.alice + "/record.pdf");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.headers().firstValue("Content-Type")).hasValue("application/pdf");
		HttpResponse<String> api = data.as(data.coordinatorB,
				new HttpTestClient(this.port).request("/api/progress/learners/" + data.alice + "/record.pdf").GET());
		assertThat(api.statusCode()).isEqualTo(404);
		HttpTestClient anonymous = new HttpTestClient(this.port);
		assertThat(anonymous.get("/my/capabilities/record.pdf").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/api/progress/learners/" + data.alice + "/record.pdf").statusCode()).isEqualTo(401);
	}

}

package org.attc.tracker.xapi.internal;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.attc.tracker.xapi.internal.statements.StatementSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xAPI 1.0.3 Communication §1.5.2 (attachments in multipart/mixed) and Data §2.6 (signed
 * statements, JWS RS256/384/512). The signing keys are made by the JDK's keytool.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AttachmentTests {

	static PrivateKey signingKey;

	static Certificate signingCertificate;

	static Certificate otherCertificate;

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	@BeforeAll
	static void keys(@TempDir Path dir) throws Exception {
		KeyStore signer = keystore(dir, "signer");
		signingKey = (PrivateKey) signer.getKey("signer", "changeit".toCharArray());
		signingCertificate = signer.getCertificate("signer");
		otherCertificate = keystore(dir, "other").getCertificate("other");
	}

	private static KeyStore keystore(Path dir, String alias) throws Exception {
		File file = dir.resolve(alias + ".p12").toFile();
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize",
				"2048", "-dname", "CN=" + alias, "-validity", "2", "-storetype", "PKCS12", "-keystore", file.getPath(),
				"-storepass", "changeit", "-keypass", "changeit")
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor()).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = new FileInputStream(file)) {
			store.load(in, "changeit".toCharArray());
		}
		return store;
	}

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
	}

	static String sha256(byte[] content) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
	}

	static String statementWithAttachment(String sha2, String usageType, String contentType, long length) {
		ObjectNode statement = (ObjectNode) XapiClient.json(StatementJson.unique());
		statement.putArray("attachments")
			.addObject()
			.put("usageType", usageType)
			.put("contentType", contentType)
			.put("length", length)
			.put("sha2", sha2)
			.putObject("display")
			.put("en-GB", "certificate");
		return statement.toString();
	}

	HttpResponse<String> postMultipart(String json, byte[] attachment, String contentType, String hash) {
		String boundary = "b-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Type: application/json\r\n\r\n" + json + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		if (attachment != null) {
			body.writeBytes(("--" + boundary + "\r\nContent-Type: " + contentType
					+ "\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: " + hash + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(attachment);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--").getBytes(StandardCharsets.UTF_8));
		return this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "multipart/mixed; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	@Test
	void anAttachmentIsStoredAndReturnedWithItsStatement() throws Exception {
		byte[] content = ("certificate " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
		String hash = sha256(content);
		String statement = statementWithAttachment(hash, "http://id.tincanapi.com/attachment/certificate_of_completion",
				"text/plain", content.length);
		HttpResponse<String> post = postMultipart(statement, content, "text/plain", hash);
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		String id = XapiClient.json(post.body()).get(0).stringValue();
		HttpResponse<String> get = this.lrs.get("/xapi/statements?attachments=true&statementId=" + id);
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("multipart/mixed").contains("boundary="));
		assertThat(get.body()).contains("X-Experience-API-Hash: " + hash).contains(new String(content));
	}

	@Test
	void anAttachmentWithoutItsPartOrFileUrlIsRefused() throws Exception {
		String statement = statementWithAttachment(sha256(new byte[] { 1 }), "http://x.org/u", "text/plain", 1);
		HttpResponse<String> post = this.lrs.post(statement);
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(post.body()).get("path").stringValue()).isEqualTo("$.attachments[0].sha2");
	}

	@Test
	void aFileUrlOnlyAttachmentIsAcceptedAsPlainJson() throws Exception {
		ObjectNode statement = (ObjectNode) XapiClient
			.json(statementWithAttachment(sha256(new byte[] { 2 }), "http://x.org/u", "text/plain", 1));
		((ObjectNode) statement.get("attachments").get(0)).put("fileUrl", "https://files.example.org/cert.pdf");
		assertThat(this.lrs.post(statement.toString()).statusCode()).isEqualTo(200);
	}

	@Test
	void aPartWhoseContentDoesNotMatchItsHashIsRefused() throws Exception {
		byte[] content = "real".getBytes(StandardCharsets.UTF_8);
		String claimed = sha256("other".getBytes(StandardCharsets.UTF_8));
		String statement = statementWithAttachment(claimed, "http://x.org/u", "text/plain", 4);
		assertThat(postMultipart(statement, content, "text/plain", claimed).statusCode()).isEqualTo(400);
	}

	@Test
	void aPartThatNoStatementCitesIsRefused() throws Exception {
		byte[] content = "stray".getBytes(StandardCharsets.UTF_8);
		assertThat(postMultipart(StatementJson.unique(), content, "text/plain", sha256(content)).statusCode())
			.isEqualTo(400);
	}

	private static String jws(String alg, String algorithm, String payload, Certificate x5c) throws Exception {
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String header = "{\"alg\":\"" + alg + "\""
				+ ((x5c != null) ? ",\"x5c\":[\"" + Base64.getEncoder().encodeToString(x5c.getEncoded()) + "\"]" : "")
				+ "}";
		String input = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(signingKey);
		signer.update(input.getBytes(StandardCharsets.US_ASCII));
		return input + "." + url.encodeToString(signer.sign());
	}

	private HttpResponse<String> postSigned(String signedPayload, String jws) throws Exception {
		byte[] signature = jws.getBytes(StandardCharsets.US_ASCII);
		String hash = sha256(signature);
		ObjectNode statement = (ObjectNode) XapiClient.json(signedPayload);
		statement.putArray("attachments")
			.addObject()
			.put("usageType", StatementSignature.USAGE)
			.put("contentType", "application/octet-stream")
			.put("length", signature.length)
			.put("sha2", hash)
			.putObject("display")
			.put("en-US", "Signature");
		return postMultipart(statement.toString(), signature, "application/octet-stream", hash);
	}

	@Test
	void aSignedStatementThatVerifiesIsStored() throws Exception {
		String payload = StatementJson.unique();
		HttpResponse<String> post = postSigned(payload, jws("RS256", "SHA256withRSA", payload, signingCertificate));
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		String payload512 = StatementJson.unique();
		assertThat(postSigned(payload512, jws("RS512", "SHA512withRSA", payload512, signingCertificate)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void aSignatureOverOtherContentIsRefused() throws Exception {
		String signed = StatementJson.unique();
		HttpResponse<String> post = postSigned(StatementJson.unique(),
				jws("RS256", "SHA256withRSA", signed, signingCertificate));
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(post.body()).contains("differs");
	}

	/**
	 * 1.0.3 Data §4.6 and IEEE 9274.1.1 §4.2.7: the signed payload and the statement
	 * compare their durations at 0.01 s (ADL's 2.0 suite signs {@code 0.12S} and sends
	 * {@code 0.1237S}); a difference at the hundredths is still "differs".
	 */
	@Test
	void aSignedDurationIsComparedToTheHundredthOfASecond() throws Exception {
		String signed = StatementJson.unique().replace("\"PT12M3.5S\"", "\"P1DT12H36M0.12S\"");
		String jws = jws("RS256", "SHA256withRSA", signed, signingCertificate);
		HttpResponse<String> finer = postSigned(signed.replace("0.12S", "0.1237S"), jws);
		assertThat(finer.statusCode()).as(finer.body()).isEqualTo(200);
		String other = StatementJson.unique().replace("\"PT12M3.5S\"", "\"P1DT12H36M0.12S\"");
		HttpResponse<String> differs = postSigned(other.replace("0.12S", "0.13S"),
				jws("RS256", "SHA256withRSA", other, signingCertificate));
		assertThat(differs.statusCode()).isEqualTo(400);
		assertThat(differs.body()).contains("differs");
	}

	@Test
	void aSignatureThatDoesNotVerifyWithItsCertificateIsRefused() throws Exception {
		String payload = StatementJson.unique();
		HttpResponse<String> post = postSigned(payload, jws("RS256", "SHA256withRSA", payload, otherCertificate));
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(post.body()).contains("does not verify");
	}

	@Test
	void aSignatureWithAnAlgorithmOtherThanRsIsRefused() throws Exception {
		String payload = StatementJson.unique();
		String forged = jws("RS256", "SHA256withRSA", payload, null).replaceFirst("^[^.]+",
				Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\"}".getBytes()));
		HttpResponse<String> post = postSigned(payload, forged);
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(post.body()).contains("RS256, RS384 or RS512");
	}

	@Test
	void aSignatureThatIsNotAJwsIsRefused() throws Exception {
		assertThat(postSigned(StatementJson.unique(), "not a jws").statusCode()).isEqualTo(400);
	}

	static byte[] read(Path path) throws Exception {
		return Files.readAllBytes(path);
	}

}

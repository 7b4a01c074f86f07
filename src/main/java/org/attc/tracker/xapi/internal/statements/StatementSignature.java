package org.attc.tracker.xapi.internal.statements;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signed statements (xAPI 1.0.3 Data §2.6): the signature is an attachment with usageType
 * {@value #USAGE}, a JWS in compact serialization (RFC 7515) whose payload is the
 * statement as it was before the signature attachment was added. Only RS256, RS384 and
 * RS512 are accepted; where the JWS header carries an {@code x5c} certificate chain, the
 * signature must verify with the first certificate's key.
 */
public final class StatementSignature {

	public static final String USAGE = "http://adlnet.gov/expapi/attachments/signature";

	private static final Map<String, String> ALGORITHMS = Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA",
			"RS512", "SHA512withRSA");

	private StatementSignature() {
	}

	/**
	 * @param statement the statement as received
	 * @param path its JSON path
	 * @param jws the content of the signature attachment
	 * @param attachmentIndex the index of the signature in {@code attachments}
	 * @throws InvalidStatement when the signature is malformed, does not verify, or signs
	 * something else
	 */
	static void verify(JsonNode statement, String path, byte[] jws, int attachmentIndex) {
		String where = path + ".attachments[" + attachmentIndex + "]";
		String[] parts = new String(jws, StandardCharsets.US_ASCII).trim().split("\\.", -1);
		if (parts.length != 3) {
			throw new InvalidStatement(where, "the signature is not a JWS in compact serialization");
		}
		JsonNode header;
		JsonNode payload;
		byte[] signature;
		try {
			Base64.Decoder decoder = Base64.getUrlDecoder();
			header = XapiJson.MAPPER.readTree(decoder.decode(parts[0]));
			payload = XapiJson.MAPPER.readTree(decoder.decode(parts[1]));
			signature = decoder.decode(parts[2]);
		}
		catch (RuntimeException ex) {
			throw new InvalidStatement(where, "the signature JWS cannot be decoded: " + ex.getMessage());
		}
		String algorithm = ALGORITHMS.get(header.path("alg").stringValue(""));
		if (algorithm == null) {
			throw new InvalidStatement(where, "a statement signature uses RS256, RS384 or RS512");
		}
		if (header.has("x5c")) {
			try {
				byte[] der = Base64.getDecoder().decode(header.get("x5c").get(0).stringValue());
				X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
					.generateCertificate(new ByteArrayInputStream(der));
				if (!verifies(algorithm, certificate.getPublicKey(), parts, signature)) {
					throw new InvalidStatement(where, "the statement signature does not verify with its x5c key");
				}
			}
			catch (GeneralSecurityException | RuntimeException ex) {
				if (ex instanceof InvalidStatement invalid) {
					throw invalid;
				}
				throw new InvalidStatement(where, "the x5c certificate of the signature cannot be read");
			}
		}
		if (!payload.isObject()) {
			throw new InvalidStatement(where, "the signed payload is not a statement");
		}
		ObjectNode unsigned = ((ObjectNode) statement).deepCopy();
		ArrayNode attachments = (ArrayNode) unsigned.get("attachments");
		attachments.remove(attachmentIndex);
		if (attachments.isEmpty() && !payload.has("attachments")) {
			unsigned.remove("attachments");
		}
		ObjectNode signed = ((ObjectNode) payload).deepCopy();
		if (!signed.has("id")) {
			unsigned.remove("id");
		}
		if (!StatementComparison.same(signed, unsigned)) {
			throw new InvalidStatement(where, "the signed payload differs from the statement");
		}
	}

	private static boolean verifies(String algorithm, PublicKey key, String[] parts, byte[] signature)
			throws GeneralSecurityException {
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(key);
		verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		return verifier.verify(signature);
	}

}

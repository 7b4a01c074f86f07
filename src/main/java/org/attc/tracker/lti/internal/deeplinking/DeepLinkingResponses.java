package org.attc.tracker.lti.internal.deeplinking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.internal.keys.ToolKeys;
import org.attc.tracker.lti.internal.security.LoginStates;

import org.springframework.stereotype.Service;

/**
 * Builds the signed {@code LtiDeepLinkingResponse} (Deep Linking 2.0 §4.5): a JWT from
 * the tool (iss = the tool's client id, aud = the platform's issuer) signed with the
 * tool's current key, carrying the chosen {@code ltiResourceLink} items.
 */
@Service
class DeepLinkingResponses {

	static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

	private final ToolKeys keys;

	DeepLinkingResponses(ToolKeys keys) {
		this.keys = keys;
	}

	/**
	 * What a teacher placed.
	 *
	 * @param view the page the link opens (a custom parameter on the link)
	 * @param title title of the link in the course
	 * @param text description shown in the course
	 * @param scoreMaximum the line item's maximum when grades are wanted, else
	 * {@code null}
	 */
	record Item(String view, String title, String text, Integer scoreMaximum) {
	}

	String sign(DeepLinkingRequest request, List<Item> items, String launchUrl) {
		Instant now = Instant.now();
		List<Map<String, Object>> contentItems = new ArrayList<>();
		for (Item item : items) {
			Map<String, Object> link = new LinkedHashMap<>();
			link.put("type", "ltiResourceLink");
			link.put("title", item.title());
			link.put("text", item.text());
			link.put("url", launchUrl);
			link.put("custom", Map.of("view", item.view()));
			if (item.scoreMaximum() != null) {
				// §3.4.2 ltiResourceLink lineItem: the platform creates the line item
				// (AGS)
				link.put("lineItem", Map.of("scoreMaximum", item.scoreMaximum(), "label", item.title(), "resourceId",
						item.view(), "tag", "capability-attainment"));
			}
			contentItems.add(link);
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(request.clientId())
			.audience(request.issuer())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", LoginStates.randomToken())
			.claim(LTI + "message_type", "LtiDeepLinkingResponse")
			.claim(LTI + "version", "1.3.0")
			.claim(LTI + "deployment_id", request.deploymentId())
			.claim(DL + "content_items", contentItems)
			.claim(DL + "msg", items.isEmpty() ? "Nothing was added." : "Added " + items.size() + " link(s).");
		if (request.data() != null) {
			// §4.5.2: data comes back exactly as the platform sent it
			claims.claim(DL + "data", request.data());
		}
		RSAKey key = this.keys.signingKey();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims.build());
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the deep linking response", ex);
		}
		return jwt.serialize();
	}

}

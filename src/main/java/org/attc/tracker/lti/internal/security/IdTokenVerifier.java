package org.attc.tracker.lti.internal.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.internal.LtiProperties;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.security.InvalidLaunch.Reason;

import org.springframework.stereotype.Component;

/**
 * Checks a platform's id_token exactly as 1EdTech Security Framework 1.0 §5.1.3
 * ("Authentication Response Validation", after OpenID Connect Core §3.1.3.7) asks,
 * against the registration the login state names. The nonce (step 9) is compared by the
 * caller, which holds the login state.
 */
@Component
public class IdTokenVerifier {

	private final PlatformKeySets keySets;

	private final LtiProperties properties;

	private final Clock clock = Clock.systemUTC();

	IdTokenVerifier(PlatformKeySets keySets, LtiProperties properties) {
		this.keySets = keySets;
		this.properties = properties;
	}

	/**
	 * @return the verified claims
	 * @throws InvalidLaunch naming the first rule the token breaks
	 */
	public JWTClaimsSet verify(String idToken, PlatformRegistration platform) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(idToken);
		}
		catch (ParseException ex) {
			throw new InvalidLaunch(Reason.MALFORMED_TOKEN, "The id_token could not be parsed as a JWT.");
		}
		// step 1 and 6: a signature is required and the algorithm is RS256 (LTI Core
		// §5.1.1
		// allows no other for the platform's messages): an unsigned token ("alg": "none")
		// is
		// a PlainJWT and an HMAC one would "verify" with the public key as secret.
		// Neither
		// gets near a verifier.
		if (!(jwt instanceof SignedJWT signed)) {
			throw new InvalidLaunch(Reason.ALGORITHM_NOT_ALLOWED,
					"The id_token is not signed (alg " + jwt.getHeader().getAlgorithm() + "); only RS256 is accepted.");
		}
		JWSHeader header = signed.getHeader();
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			throw new InvalidLaunch(Reason.ALGORITHM_NOT_ALLOWED,
					"The id_token is signed with " + header.getAlgorithm() + "; only RS256 is accepted.");
		}
		// Security Framework §6.3: the platform names its key with kid
		if (header.getKeyID() == null || header.getKeyID().isBlank()) {
			throw new InvalidLaunch(Reason.UNKNOWN_KEY, "The id_token header has no kid.");
		}
		RSAKey key = this.keySets.key(platform, header.getKeyID());
		try {
			if (!signed.verify(new RSASSAVerifier(key))) {
				throw new InvalidLaunch(Reason.BAD_SIGNATURE,
						"The id_token signature does not verify with the platform key " + header.getKeyID() + ".");
			}
		}
		catch (JOSEException ex) {
			throw new InvalidLaunch(Reason.BAD_SIGNATURE,
					"The id_token signature could not be checked with key " + header.getKeyID() + ".");
		}
		JWTClaimsSet claims;
		try {
			claims = signed.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new InvalidLaunch(Reason.MALFORMED_TOKEN, "The id_token claims are not a JSON object.");
		}
		// step 2: the issuer is exactly the registered one (case-sensitive, no
		// normalising)
		if (!platform.issuer().equals(claims.getIssuer())) {
			throw new InvalidLaunch(Reason.WRONG_ISSUER, "The id_token iss is '" + claims.getIssuer()
					+ "' but the login was for platform '" + platform.issuer() + "'.");
		}
		// step 3: aud contains the client id the platform gave this tool
		List<String> audience = claims.getAudience();
		if (audience == null || !audience.contains(platform.clientId())) {
			throw new InvalidLaunch(Reason.WRONG_AUDIENCE, "The id_token aud " + audience
					+ " does not contain this tool's client id '" + platform.clientId() + "'.");
		}
		// steps 4 and 5: with several audiences azp must name this tool; when present it
		// must name this tool anyway
		Object azp = claims.getClaim("azp");
		if (audience.size() > 1 && azp == null) {
			throw new InvalidLaunch(Reason.WRONG_AUTHORIZED_PARTY,
					"The id_token has several audiences but no azp claim.");
		}
		if (azp != null && !platform.clientId().equals(azp)) {
			throw new InvalidLaunch(Reason.WRONG_AUTHORIZED_PARTY,
					"The id_token azp '" + azp + "' is not this tool's client id '" + platform.clientId() + "'.");
		}
		Instant now = this.clock.instant();
		// step 7: exp is in the future (with a small allowance for clock skew)
		Date exp = claims.getExpirationTime();
		if (exp == null) {
			throw new InvalidLaunch(Reason.MISSING_CLAIM, "The id_token has no exp claim.");
		}
		if (!exp.toInstant().plus(this.properties.clockSkew()).isAfter(now)) {
			throw new InvalidLaunch(Reason.EXPIRED, "The id_token expired at " + exp.toInstant() + " (now " + now
					+ "). Check the platform's clock, or the launch took too long.");
		}
		// step 8: iat present and not in the future; nbf, when sent, has passed (RFC 7519
		// §4.1.5)
		Date iat = claims.getIssueTime();
		if (iat == null) {
			throw new InvalidLaunch(Reason.MISSING_CLAIM, "The id_token has no iat claim.");
		}
		if (iat.toInstant().minus(this.properties.clockSkew()).isAfter(now)) {
			throw new InvalidLaunch(Reason.ISSUED_IN_FUTURE, "The id_token was issued at " + iat.toInstant()
					+ ", later than now (" + now + "). Check the platform's clock.");
		}
		Date nbf = claims.getNotBeforeTime();
		if (nbf != null && nbf.toInstant().minus(this.properties.clockSkew()).isAfter(now)) {
			throw new InvalidLaunch(Reason.ISSUED_IN_FUTURE, "The id_token is not valid before " + nbf.toInstant());
		}
		// step 9 (first half): a nonce is present; the caller compares it with the
		// login's
		if (claims.getClaim("nonce") == null) {
			throw new InvalidLaunch(Reason.MISSING_CLAIM, "The id_token has no nonce claim.");
		}
		return claims;
	}

}

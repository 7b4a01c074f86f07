package org.attc.tracker.lti.internal.keys;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.attc.tracker.lti.internal.LtiProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tool's signing keys: the one that signs (deep linking responses, client
 * assertions), the set published at {@code /.well-known/jwks.json}, and rotation.
 */
@Service
public class ToolKeys {

	private final ToolKeyRepository repository;

	private final PrivateKeyEncryption encryption;

	private final LtiProperties properties;

	private final Clock clock = Clock.systemUTC();

	ToolKeys(ToolKeyRepository repository, PrivateKeyEncryption encryption, LtiProperties properties) {
		this.repository = repository;
		this.encryption = encryption;
		this.properties = properties;
	}

	/** The key that signs now (private part included); made on first use. */
	@Transactional
	public RSAKey signingKey() {
		List<ToolKey> active = this.repository.findByRetiredAtIsNullOrderByCreatedAtDesc();
		ToolKey key = active.isEmpty() ? this.repository.saveAndFlush(generate()) : active.get(0);
		return withPrivate(key);
	}

	/**
	 * The public keys platforms may check against: the active ones and those retired
	 * within the grace period.
	 */
	@Transactional
	public JWKSet publicKeys() {
		if (this.repository.findByRetiredAtIsNullOrderByCreatedAtDesc().isEmpty()) {
			this.repository.saveAndFlush(generate());
		}
		Instant now = this.clock.instant();
		List<JWK> keys = new ArrayList<>();
		for (ToolKey key : this.repository.findAllByOrderByCreatedAtDesc()) {
			if (key.publishedAt(now, this.properties.keyGracePeriod())) {
				keys.add(parse(key.publicJwk()));
			}
		}
		return new JWKSet(keys);
	}

	/**
	 * Makes a new signing key and retires the others (still published for the grace
	 * period).
	 * @return the new key's id
	 */
	@Transactional
	public String rotate() {
		Instant now = this.clock.instant();
		for (ToolKey key : this.repository.findByRetiredAtIsNullOrderByCreatedAtDesc()) {
			key.retire(now);
		}
		return this.repository.saveAndFlush(generate()).kid();
	}

	private ToolKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			String kid = UUID.randomUUID().toString();
			RSAKey publicJwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
			String encrypted = this.encryption.encrypt(pair.getPrivate().getEncoded(), kid);
			return new ToolKey(kid, publicJwk.toJSONString(), encrypted, this.clock.instant());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not generate a tool key", ex);
		}
	}

	private RSAKey withPrivate(ToolKey key) {
		try {
			RSAKey publicJwk = (RSAKey) parse(key.publicJwk());
			byte[] pkcs8 = this.encryption.decrypt(key.privateKeyEncrypted(), key.kid());
			RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new RSAKey.Builder(publicJwk).privateKey(privateKey).build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Could not load tool key " + key.kid(), ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored tool key is not a JWK", ex);
		}
	}

}

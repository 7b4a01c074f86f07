package org.attc.tracker.lti.internal.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.lti.internal.LtiProperties;

import org.springframework.stereotype.Component;

/**
 * Encrypts the tool's private keys at rest with AES-256-GCM. The key comes from
 * configuration ({@code app.lti.key-encryption-key}, set from the environment); without
 * it, a random key is generated once into a file outside the database (owner-only
 * permissions), so a copy of the database alone never reveals a private key.
 */
@Component
class PrivateKeyEncryption {

	private static final Log logger = LogFactory.getLog(PrivateKeyEncryption.class);

	private static final String VERSION = "v1:";

	private static final int IV_BYTES = 12;

	private final SecureRandom random = new SecureRandom();

	private final SecretKey key;

	PrivateKeyEncryption(LtiProperties properties) {
		this.key = new SecretKeySpec(keyBytes(properties), "AES");
	}

	/**
	 * @param associated the key id, bound to the ciphertext so rows cannot be swapped
	 */
	String encrypt(byte[] plain, String associated) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return VERSION + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt a tool key", ex);
		}
	}

	byte[] decrypt(String encrypted, String associated) {
		if (!encrypted.startsWith(VERSION)) {
			throw new IllegalStateException("Unknown tool key encryption format");
		}
		try {
			byte[] in = Base64.getDecoder().decode(encrypted.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, in, 0, IV_BYTES));
			cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not decrypt tool key " + associated
					+ ": is app.lti.key-encryption-key the one the key was stored with?", ex);
		}
	}

	private static byte[] keyBytes(LtiProperties properties) {
		if (properties.keyEncryptionKey() != null && !properties.keyEncryptionKey().isBlank()) {
			return decoded(properties.keyEncryptionKey(), "app.lti.key-encryption-key");
		}
		Path file = Path.of(properties.keyEncryptionKeyFile());
		try {
			if (Files.exists(file)) {
				return decoded(Files.readString(file).strip(), file.toString());
			}
			byte[] generated = new byte[32];
			new SecureRandom().nextBytes(generated);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(generated));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's permissions apply
			}
			logger.warn("app.lti.key-encryption-key is not set: generated one into " + file.toAbsolutePath()
					+ ". Set APP_LTI_KEY_ENCRYPTION_KEY in production and keep it out of backups of the database.");
			return generated;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the LTI key encryption key file " + file, ex);
		}
	}

	private static byte[] decoded(String base64, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not base64", ex);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					source + " must be 32 bytes (base64 of 32 random bytes), was " + bytes.length);
		}
		return bytes;
	}

}

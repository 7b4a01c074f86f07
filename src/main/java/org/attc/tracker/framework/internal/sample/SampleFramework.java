package org.attc.tracker.framework.internal.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.attc.tracker.framework.FrameworkProperties;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.store.FrameworkImports;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Loads the illustrative ATTC framework on the first start
 * ({@code app.framework.load-sample}, default on). Idempotent: once a framework with the
 * sample's identifier exists it is left alone, and when several nodes start together the
 * unique document identifier lets one win while the others skip.
 */
@Component
class SampleFramework implements ApplicationRunner {

	static final String RESOURCE = "/framework/attc-illustrative-framework.json";

	private static final Logger log = LoggerFactory.getLogger(SampleFramework.class);

	private final FrameworkProperties properties;

	private final FrameworkImports imports;

	private final FrameworkLibrary library;

	SampleFramework(FrameworkProperties properties, FrameworkImports imports, FrameworkLibrary library) {
		this.properties = properties;
		this.imports = imports;
		this.library = library;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.loadSample()) {
			return;
		}
		FrameworkDocument sample = this.imports.read(bytes(), "json", StandardCharsets.UTF_8);
		// two nodes starting together: the unique document identifier (or a lock
		// wait) lets one win; the other sees the winner's framework on its next look
		for (int attempt = 1;; attempt++) {
			if (this.library.byDocumentIdentifier(sample.identifier()).isPresent()) {
				return;
			}
			try {
				this.imports.commit(sample, "system");
				log.info("Loaded the illustrative sample framework ({} capabilities)", sample.capabilities().size());
				return;
			}
			catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
				log.info("Another node is loading the illustrative sample framework; looking again");
				pause(attempt);
			}
		}
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(500L * attempt);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static byte[] bytes() {
		try (InputStream in = SampleFramework.class.getResourceAsStream(RESOURCE)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

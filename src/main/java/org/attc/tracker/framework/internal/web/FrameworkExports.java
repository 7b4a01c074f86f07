package org.attc.tracker.framework.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.attc.tracker.framework.FrameworkProperties;
import org.attc.tracker.framework.internal.format.CasePackageFormat;
import org.attc.tracker.framework.internal.format.FrameworkFiles;
import org.attc.tracker.framework.internal.format.MoodleCsvFormat;
import org.attc.tracker.framework.internal.format.NativeFormat;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Writes a framework version as a download in one of the formats. */
@Component
class FrameworkExports {

	private final FrameworkLibrary library;

	private final FrameworkProperties properties;

	FrameworkExports(FrameworkLibrary library, FrameworkProperties properties) {
		this.library = library;
		this.properties = properties;
	}

	ResponseEntity<byte[]> export(long frameworkId, Integer number, String format) {
		FrameworkLibrary.Shown shown = this.library.show(frameworkId, number)
			.orElseThrow(() -> new FrameworkNotFound("framework " + frameworkId));
		String name = fileName(shown.framework().title()) + "-v" + shown.version().number();
		String body;
		MediaType type;
		String extension;
		switch ((format == null) ? "" : format.toLowerCase(Locale.ROOT)) {
			case "case" -> {
				body = FrameworkFiles.json()
					.writerWithDefaultPrettyPrinter()
					.writeValueAsString(CasePackageFormat.write(shown.document(), this.properties.baseUri(),
							shown.version().importedAt()));
				type = MediaType.APPLICATION_JSON;
				extension = ".case.json";
			}
			case "moodle-csv" -> {
				body = MoodleCsvFormat.write(shown.document());
				type = new MediaType("text", "csv", StandardCharsets.UTF_8);
				extension = ".csv";
			}
			case "native" -> {
				body = FrameworkFiles.json()
					.writerWithDefaultPrettyPrinter()
					.writeValueAsString(
							NativeFormat.write(shown.document(), this.library.profileSpecs(shown.framework().id())));
				type = MediaType.APPLICATION_JSON;
				extension = ".framework.json";
			}
			default -> throw new UnknownExportFormat(format);
		}
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name + extension).build().toString())
			.body(body.getBytes(StandardCharsets.UTF_8));
	}

	private static String fileName(String title) {
		String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return name.isEmpty() ? "framework" : (name.length() > 60 ? name.substring(0, 60) : name);
	}

	/** The export format is not one of case, moodle-csv, native. */
	static class UnknownExportFormat extends RuntimeException {

		UnknownExportFormat(String format) {
			super(String.valueOf(format));
		}

	}

}

package org.attc.tracker.progress.internal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.attc.tracker.progress.internal.Table;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An export table as a file download. */
final class Downloads {

	private Downloads() {
	}

	static ResponseEntity<byte[]> of(Table table, String name, String format) {
		String file = name + "-" + LocalDate.now(ZoneOffset.UTC);
		return switch (format) {
			case "csv" -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(file + ".csv").build().toString())
				.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
				.body(table.csv());
			case "xlsx" -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(file + ".xlsx").build().toString())
				.contentType(
						MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(table.xlsx());
			default -> throw new IllegalArgumentException("format: must be csv or xlsx");
		};
	}

}

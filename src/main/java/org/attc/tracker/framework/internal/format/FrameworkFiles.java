package org.attc.tracker.framework.internal.format;

import java.nio.charset.Charset;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.InvalidFramework;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an uploaded framework file in any supported format. JSON is a CASE package when
 * its root has {@code CFDocument} (or {@code CFPackage}), the native format when its
 * {@code format} says so; anything sent as {@code text/csv} (or not starting with a JSON
 * object) is Moodle CSV.
 */
public final class FrameworkFiles {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private FrameworkFiles() {
	}

	/**
	 * @param bytes the file
	 * @param mediaType the declared type ({@code application/json}, {@code text/csv}),
	 * may be {@code null} to tell by content
	 * @param charset the declared character set, {@code null} for UTF-8
	 */
	public static FrameworkDocument read(byte[] bytes, String mediaType, Charset charset) {
		String text = SourceText.decode(bytes, charset);
		String type = (mediaType == null) ? "" : mediaType.toLowerCase();
		boolean csv = type.contains("csv") || (!type.contains("json") && !text.stripLeading().startsWith("{"));
		if (csv) {
			return MoodleCsvFormat.read(text);
		}
		JsonNode root;
		try {
			root = json.readTree(text);
		}
		catch (JacksonException ex) {
			String at = (ex.getLocation() != null)
					? "line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "$";
			throw new InvalidFramework(at, "The file is not well-formed JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new InvalidFramework("$", "The file must hold one JSON object.");
		}
		if (CasePackageFormat.looksLikeCase(root)) {
			return CasePackageFormat.read(root);
		}
		if (NativeFormat.looksLikeNative(root)) {
			return NativeFormat.read(root);
		}
		throw new InvalidFramework("$",
				"Neither a CASE package (no CFDocument) nor a native framework file (no \"format\": \""
						+ NativeFormat.FORMAT + "\").");
	}

	public static JsonMapper json() {
		return json;
	}

}

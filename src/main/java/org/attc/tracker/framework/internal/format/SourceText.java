package org.attc.tracker.framework.internal.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.attc.tracker.framework.internal.document.InvalidFramework;

/**
 * Turns an uploaded file into text, refusing bytes that are not valid in the declared
 * encoding (UTF-8 unless the request names another) instead of guessing: a wrongly
 * decoded statement would be stored and shown wrong everywhere.
 */
public final class SourceText {

	private SourceText() {
	}

	public static String decode(byte[] bytes, Charset declared) {
		Charset charset = (declared == null) ? StandardCharsets.UTF_8 : declared;
		int start = 0;
		if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
				|| (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
			if (!charset.name().startsWith("UTF-16")) {
				throw new InvalidFramework("line 1",
						"The file is encoded as UTF-16; save it as UTF-8 and import again.");
			}
		}
		if (charset.equals(StandardCharsets.UTF_8) && bytes.length >= 3 && bytes[0] == (byte) 0xEF
				&& bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
			start = 3; // a byte order mark, as spreadsheet programs write
		}
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
		CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()) + 1);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isError()) {
			int offset = in.position();
			throw new InvalidFramework("line " + lineAt(bytes, offset), "The file is not valid " + charset.name()
					+ " text (byte " + (offset + 1) + "). Save it as UTF-8 and import again.");
		}
		decoder.flush(out);
		out.flip();
		String text = out.toString();
		if (text.indexOf('\u0000') >= 0) {
			throw new InvalidFramework("line " + lineAt(bytes, indexOfNul(bytes)),
					"The file contains NUL characters, as UTF-16 text does; save it as UTF-8 and import again.");
		}
		return text;
	}

	/**
	 * Strict decoding without position reporting, for callers that only need yes or no.
	 */
	public static boolean isValid(byte[] bytes, Charset charset) {
		try {
			charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static int indexOfNul(byte[] bytes) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				return i;
			}
		}
		return 0;
	}

	private static int lineAt(byte[] bytes, int offset) {
		int line = 1;
		for (int i = 0; i < Math.min(offset, bytes.length); i++) {
			if (bytes[i] == '\n') {
				line++;
			}
		}
		return line;
	}

}

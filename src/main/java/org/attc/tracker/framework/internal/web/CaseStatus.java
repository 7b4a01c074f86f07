package org.attc.tracker.framework.internal.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors on the CASE surface as the CASE binding reports them: an {@code imsx_StatusInfo}
 * object (1EdTech CASE Service 1.1, §3.3 status codes) rather than problem JSON, because
 * CASE clients read that.
 */
@RestControllerAdvice(assignableTypes = CaseEndpoints.class)
class CaseStatus {

	private static final JsonMapper json = JsonMapper.builder().build();

	@ExceptionHandler(CaseEndpoints.CaseObjectNotFound.class)
	ResponseEntity<ObjectNode> notFound(CaseEndpoints.CaseObjectNotFound ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.APPLICATION_JSON)
			.body(status("unknownobject", "No published CASE object with sourcedId " + ex.getMessage() + "."));
	}

	static ObjectNode status(String codeMinor, String description) {
		ObjectNode status = JsonNodeFactory.instance.objectNode();
		status.put("imsx_codeMajor", "failure");
		status.put("imsx_severity", "error");
		status.put("imsx_description", description);
		ObjectNode minor = status.putObject("imsx_CodeMinor");
		minor.putArray("imsx_codeMinorField")
			.addObject()
			.put("imsx_codeMinorFieldName", "sourcedId")
			.put("imsx_codeMinorFieldValue", codeMinor);
		return status;
	}

	static void write(HttpServletResponse response, int code, String codeMinor, String description) throws IOException {
		response.setStatus(code);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), status(codeMinor, description));
	}

}

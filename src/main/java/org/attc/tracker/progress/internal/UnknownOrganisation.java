package org.attc.tracker.progress.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No organisation with this code that the caller may see. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownOrganisation extends RuntimeException {

	private final String code;

	public UnknownOrganisation(String code) {
		super("organisation: no organisation '" + code + "' that you may see");
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}

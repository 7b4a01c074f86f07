package org.attc.tracker.runtime.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page a person gets in a browser. Spring's problem details answer every
 * {@link ErrorResponse} (unknown address, a {@code ResponseStatusException}, a missing
 * parameter...) with problem JSON whatever the client accepts, so a browser showed raw
 * JSON. A request that names {@code text/html} in its Accept header gets the HTML page
 * instead, with a way back (the start page and, from this service, the page it came
 * from); API clients, which do not ask for HTML, keep problem JSON. Errors sent by the
 * security filters (403, a 404 of the container) reach the same page through Spring
 * Boot's error controller, as its {@link ErrorViewResolver}.
 */
@Component
class ErrorPages implements HandlerExceptionResolver, ErrorViewResolver, Ordered {

	static final String VIEW = "error";

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!wantsHtml(request)) {
			return null;
		}
		if (ex instanceof ErrorResponse error) {
			return page(request, error.getStatusCode());
		}
		// a path or query value of the wrong type (a word where an id goes)
		if (ex instanceof TypeMismatchException) {
			return page(request, HttpStatus.BAD_REQUEST);
		}
		return null;
	}

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		ModelAndView page = page(request, status);
		model.forEach(page.getModel()::putIfAbsent);
		return page;
	}

	/**
	 * After Spring Boot's error attributes (which only note the exception), before the
	 * rest.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	static ModelAndView page(HttpServletRequest request, HttpStatusCode status) {
		ModelAndView page = new ModelAndView(VIEW, status);
		page.addObject("status", status.value());
		page.addObject("back", sameSiteReferrer(request));
		return page;
	}

	static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream()
				.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * The page that linked here, as a path of this service; {@code null} when it came
	 * from elsewhere (a link back to another site, or to a script URL, is never offered).
	 */
	static String sameSiteReferrer(HttpServletRequest request) {
		String referrer = request.getHeader(HttpHeaders.REFERER);
		if (referrer == null) {
			return null;
		}
		try {
			URI uri = URI.create(referrer);
			boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			if (!web || !request.getServerName().equalsIgnoreCase(uri.getHost()) || uri.getRawPath() == null
					|| !uri.getRawPath().startsWith("/")) {
				return null;
			}
			String path = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			String current = request.getRequestURI();
			return path.equals(current) || uri.getRawPath().equals("/") ? null : path;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

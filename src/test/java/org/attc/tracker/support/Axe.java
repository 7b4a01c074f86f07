package org.attc.tracker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.webjars.WebJarVersionLocator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs axe-core (from its webjar, a test dependency) on the page the browser shows and
 * fails on any WCAG 2.0/2.1 level A or AA violation, naming each rule and the elements it
 * found. Called by the browser tests on every page they open, error pages included.
 */
public final class Axe {

	private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private static final String SOURCE = load();

	// iframes are checked when a test opens them as pages of their own
	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'],
					iframes: false })
				.then((r) => done(r.violations.map((v) => ({ id: v.id, help: v.help,
					targets: v.nodes.map((n) => n.target.join(' ')) }))))
				.catch((e) => done('axe failed: ' + e));
			""";

	private Axe() {
	}

	/** Asserts the current page has no WCAG 2 A/AA violation that axe can detect. */
	public static void assertAccessible(WebDriver browser) {
		JavascriptExecutor js = (JavascriptExecutor) browser;
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
			js.executeScript(SOURCE);
		}
		browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		Object result = js.executeAsyncScript(RUN, WCAG_A_AA);
		assertThat(result).as("axe ran on %s", browser.getCurrentUrl()).isInstanceOf(List.class);
		List<String> violations = ((List<?>) result).stream().map((v) -> describe((Map<?, ?>) v)).toList();
		assertThat(violations).as("WCAG A/AA violations on %s (%s)", browser.getCurrentUrl(), browser.getTitle())
			.isEmpty();
	}

	private static String describe(Map<?, ?> violation) {
		return violation.get("id") + " (" + violation.get("help") + ") at " + violation.get("targets");
	}

	private static String load() {
		String path = new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
		if (path == null) {
			throw new IllegalStateException("the axe-core webjar is not on the test class path");
		}
		try (InputStream in = Axe.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("no " + path + " on the test class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

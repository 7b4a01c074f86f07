package org.attc.tracker.xapi.internal;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import tools.jackson.databind.JsonNode;

/**
 * An LRS client over real HTTP: Basic credentials and the version header on each call.
 */
final class XapiClient {

	final HttpTestClient http;

	final String key;

	final String secret;

	private XapiClient(int port, String key, String secret) {
		this.http = new HttpTestClient(port);
		this.key = key;
		this.secret = secret;
	}

	static XapiClient create(int port, LrsClients clients, Scope... scopes) {
		Set<Scope> set = EnumSet.noneOf(Scope.class);
		set.addAll(java.util.List.of(scopes));
		LrsClients.Created created = clients.create("test client", set, null);
		return new XapiClient(port, created.client().key(), created.secret());
	}

	static XapiClient of(int port, LrsClients.Created created) {
		return new XapiClient(port, created.client().key(), created.secret());
	}

	HttpRequest.Builder request(String path) {
		return this.http.request(path)
			.header("Authorization", HttpTestClient.basic(this.key, this.secret))
			.header("X-Experience-API-Version", "1.0.3");
	}

	HttpResponse<String> post(String json) {
		return this.http.send(request("/xapi/statements").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> put(String id, String json) {
		return this.http.send(request("/xapi/statements?statementId=" + id).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	HttpResponse<String> get(String pathAndQuery) {
		return this.http.send(request(pathAndQuery).GET());
	}

	static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static JsonNode json(String text) {
		return XapiJson.MAPPER.readTree(text);
	}

}

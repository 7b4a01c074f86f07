package org.attc.tracker.xapi.internal.protocol;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.stereotype.Component;

/**
 * The xAPI version each LRS client last declared in {@code X-Experience-API-Version},
 * kept in memory on this node. It decides only the version header of the 400 that answers
 * a request without a version (or with one not served): the spec has every response carry
 * the version header, and an LRS serving 1.0.3 and 2.0 answers a client in the version
 * that client speaks (1.0.3 Communication §3.3, kept in IEEE 9274.1.1).
 */
@Component
class SpokenVersions {

	/** More clients than this and the record starts again empty (it is only a hint). */
	static final int MAX_CLIENTS = 4_096;

	private final ConcurrentMap<String, XapiVersion> byClient = new ConcurrentHashMap<>();

	void spoke(String clientKey, XapiVersion version) {
		if (this.byClient.get(clientKey) == version) {
			return;
		}
		if (this.byClient.size() >= MAX_CLIENTS) {
			this.byClient.clear();
		}
		this.byClient.put(clientKey, version);
	}

	Optional<XapiVersion> lastSpokenBy(String clientKey) {
		return Optional.ofNullable(this.byClient.get(clientKey));
	}

}

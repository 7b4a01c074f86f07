package org.attc.tracker.framework.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.VersionDiff;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Version content as stored JSON. Versions never change, so the parsed documents are
 * cached per version id on each node without any invalidation.
 */
@Component
public class VersionContents {

	private static final int CACHE_LIMIT = 64;

	private final JsonMapper json = JsonMapper.builder().build();

	private final FrameworkVersionRepository versions;

	private final Map<Long, FrameworkDocument> cache = new ConcurrentHashMap<>();

	VersionContents(FrameworkVersionRepository versions) {
		this.versions = versions;
	}

	public String write(FrameworkDocument document) {
		return this.json.writeValueAsString(document);
	}

	public String write(VersionDiff diff) {
		return this.json.writeValueAsString(diff);
	}

	public VersionDiff readDiff(String diff) {
		return this.json.readValue(diff, VersionDiff.class);
	}

	public FrameworkDocument document(long versionId) {
		FrameworkDocument cached = this.cache.get(versionId);
		if (cached != null) {
			return cached;
		}
		FrameworkVersion version = this.versions.findById(versionId)
			.orElseThrow(() -> new IllegalArgumentException("no framework version " + versionId));
		FrameworkDocument document = this.json.readValue(version.content(), FrameworkDocument.class);
		if (this.cache.size() >= CACHE_LIMIT) {
			this.cache.clear();
		}
		this.cache.put(versionId, document);
		return document;
	}

}

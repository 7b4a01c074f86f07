package org.attc.tracker.xapi.internal.documents;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.DocumentStore;
import org.attc.tracker.xapi.internal.store.DocumentStore.Document;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document resources' use cases (xAPI 1.0.3 Communication §2.2, §2.3, §2.6, §2.7):
 * read one or the ids, store (PUT) or merge (POST), delete; each write checks its
 * preconditions ({@link DocumentPreconditions}) in the transaction that writes, against
 * the row it locks.
 */
@Service
class Documents {

	private final DocumentStore store;

	private final TransactionTemplate transactions;

	Documents(DocumentStore store, PlatformTransactionManager transactions) {
		this.store = store;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** What a write request carries besides the content. */
	record Conditions(String ifMatch, String ifNoneMatch) {

		boolean none() {
			return this.ifMatch == null && this.ifNoneMatch == null;
		}

	}

	Document one(byte[] scope, String documentId) {
		return this.store.find(scope, documentId, false)
			.orElseThrow(() -> new XapiRequestRefused(404, "document-not-found", null, "No such document."));
	}

	List<String> ids(byte[] scope, Instant since) {
		return this.store.ids(scope, since);
	}

	/**
	 * PUT stores the content as it is; POST merges a JSON object into a stored JSON
	 * object (Communication §2.2, JSON Procedure with Requirements).
	 * @return the new ETag
	 */
	String write(DocumentResource resource, byte[] scope, String documentId, String contentType, byte[] content,
			boolean merge, Conditions conditions, XapiVersion version) {
		if (merge && content.length == 0) {
			// Communication §2.2: a POST carries the document to store or merge
			throw XapiRequestRefused.badRequest("$", "POST needs a document");
		}
		// Communication §2.2 (JSON Procedure with Requirements, 2.2.s8.b1) and IEEE
		// 9274.1.1 §4.1.6.2: a POSTed application/json document that is not a JSON
		// object is refused, whether or not the target exists (ADL XAPI-00314)
		ObjectNode posted = (merge && isJson(contentType)) ? jsonObject(contentType, content, "the posted document")
				: null;
		return this.transactions.execute((tx) -> {
			Optional<Document> existing = this.store.find(scope, documentId, true);
			DocumentPreconditions.check(existing.map(Document::etag).orElse(null), conditions.ifMatch(),
					conditions.ifNoneMatch());
			if (!merge && conditions.none()) {
				DocumentPreconditions.unconditionalPut(resource, existing.isPresent(), version);
			}
			if (merge && existing.isPresent()) {
				ObjectNode merged = jsonObject(existing.get().contentType(), existing.get().content(),
						"the stored document");
				// Communication §2.3 (POST): properties of the posted object replace
				// those stored
				merged.setAll((posted != null) ? posted : jsonObject(contentType, content, "the posted document"));
				return this.store.save(resource.name, scope, documentId, MediaType.APPLICATION_JSON_VALUE,
						XapiJson.MAPPER.writeValueAsBytes(merged));
			}
			// Communication §2.2 (JSON Procedure with Requirements): a POST to a document
			// that does not exist is treated as a PUT and stores what was posted,
			// whatever its content type
			return this.store.save(resource.name, scope, documentId, contentType, content);
		});
	}

	/**
	 * One document, under its preconditions; without an id, every State document of the
	 * scope (Communication §2.3: the profile resources delete one at a time).
	 */
	void delete(DocumentResource resource, byte[] scope, String documentId, Conditions conditions) {
		if (documentId == null) {
			if (resource != DocumentResource.STATE) {
				throw XapiRequestRefused.badRequest(resource.idParameter, resource.idParameter + " is required");
			}
			this.store.deleteAll(scope);
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			Optional<Document> existing = this.store.find(scope, documentId, true);
			DocumentPreconditions.check(existing.map(Document::etag).orElse(null), conditions.ifMatch(),
					conditions.ifNoneMatch());
			this.store.delete(scope, documentId);
		});
	}

	private static boolean isJson(String contentType) {
		return contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
	}

	private static ObjectNode jsonObject(String contentType, byte[] content, String what) {
		if (!isJson(contentType)) {
			throw XapiRequestRefused.badRequest("Content-Type",
					"POST merges JSON objects only; " + what + " is " + contentType);
		}
		JsonNode node;
		try {
			node = XapiJson.MAPPER.readTree(content);
		}
		catch (RuntimeException ex) {
			throw XapiRequestRefused.badRequest("$", what + " is not well-formed JSON");
		}
		if (!(node instanceof ObjectNode object)) {
			throw XapiRequestRefused.badRequest("$", "POST merges JSON objects only; " + what + " is not one");
		}
		return object;
	}

}

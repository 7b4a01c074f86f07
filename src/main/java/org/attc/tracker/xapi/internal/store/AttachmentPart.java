package org.attc.tracker.xapi.internal.store;

/**
 * The raw content of one attachment, keyed by its SHA-2 hex (xAPI 1.0.3 Communication
 * §1.5.2).
 */
public record AttachmentPart(String sha2, String contentType, byte[] content) {

}

package org.attc.tracker.progress.internal.record;

/**
 * A record just issued with the token of its verification link. The token is known only
 * to this answer (and the PDF made from it): the database keeps its hash.
 */
public record IssuedRecord(TrainingRecord record, String token) {
}

package org.attc.tracker.xapi;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A statement as the LRS holds it.
 *
 * @param id the statement id
 * @param statement the statement JSON as accepted plus the LRS-set properties (do not
 * modify it)
 * @param stored when the LRS stored it
 * @param timestamp the statement's timestamp (its {@code stored} where the producer gave
 * none)
 * @param voided whether a later statement voided it
 * @param position its place in storage order, for {@link Statements#scan(long, int)}
 */
public record StoredStatement(UUID id, JsonNode statement, Instant stored, Instant timestamp, boolean voided,
		long position) {

}

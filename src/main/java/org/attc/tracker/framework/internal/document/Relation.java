package org.attc.tracker.framework.internal.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.node.ObjectNode;

/**
 * An association between two nodes of a framework version (CASE {@code CFAssociation}).
 * Child-of relations whose destination is the document itself mark top-level items.
 *
 * @param identifier the association's identifier
 * @param type the association type
 * @param origin identifier of the origin node
 * @param destination identifier of the destination node (an item or the document)
 * @param sequence order among siblings for child-of, may be {@code null}
 * @param extensions what the source carries that the model does not name
 * @param at where the relation is in the source (not stored)
 */
public record Relation(String identifier, RelationType type, String origin, String destination, Integer sequence,
		ObjectNode extensions, @JsonIgnore String at) {

}

package org.grassroots;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * The operations of {@code /v3/api-docs} ("METHOD /path" to its description), and the schema a {@code $ref} names:
 * what the walking tests (scope, error contract) iterate over.
 */
public final class ApiOperations {

	private ApiOperations() {
	}

	public static Map<String, JsonNode> of(JsonNode docs) {
		Map<String, JsonNode> operations = new TreeMap<>();
		docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			if (Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())
					&& (path.getKey().startsWith("/api/") || path.getKey().startsWith("/open311/"))) {
				operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
			}
		}));
		return operations;
	}

	/** The schema itself, or the one its {@code $ref} names (null when there is none). */
	public static JsonNode schema(JsonNode docs, JsonNode schema) {
		if (schema == null || schema.isMissingNode() || schema.isNull()) {
			return null;
		}
		JsonNode ref = schema.get("$ref");
		if (ref != null) {
			String name = ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
			return docs.path("components").path("schemas").path(name);
		}
		return schema;
	}

}

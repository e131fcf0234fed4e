package org.grassroots.registry;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules for a region's outline (GeoJSON, longitude then latitude): a Polygon or a MultiPolygon, or a Feature
 * holding one; every ring closed with at least four positions; every position two (or three) numbers inside China's
 * bounding box; at most {@value #MAX_POSITIONS} positions and {@value #MAX_BYTES} bytes. Checked when an outline is
 * saved (refused with the reason) and again where one is read for a map, so that one bad outline stored earlier
 * leaves its area without an outline instead of breaking the map.
 */
public final class RegionOutline {

	public static final int MAX_POSITIONS = 10_000;

	public static final int MAX_BYTES = 256 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RegionOutline() {
	}

	/** Whether the outline may be drawn. */
	public static boolean isValid(String geoJson) {
		return problem(geoJson).isEmpty();
	}

	/** The message key of what is wrong with an outline, if anything. */
	public static Optional<String> problem(String geoJson) {
		if (geoJson == null || geoJson.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return Optional.of("registry.region.boundary.tooLarge");
		}
		JsonNode root;
		try {
			root = JSON.readTree(geoJson);
		}
		catch (JacksonException ex) {
			return Optional.of("registry.region.boundary.notJson");
		}
		if (root == null || !root.isObject()) {
			return Optional.of("registry.region.boundary.notJson");
		}
		JsonNode geometry = root;
		if ("Feature".equals(text(root, "type"))) {
			geometry = root.get("geometry");
			if (geometry == null || !geometry.isObject()) {
				return Optional.of("registry.region.boundary.type");
			}
		}
		String type = text(geometry, "type");
		JsonNode coordinates = geometry.get("coordinates");
		if (coordinates == null || !coordinates.isArray()) {
			return Optional.of("registry.region.boundary.type");
		}
		int[] positions = {0};
		if ("Polygon".equals(type)) {
			return polygon(coordinates, positions);
		}
		if ("MultiPolygon".equals(type)) {
			if (coordinates.isEmpty()) {
				return Optional.of("registry.region.boundary.ring");
			}
			for (JsonNode polygon : coordinates) {
				Optional<String> problem = polygon(polygon, positions);
				if (problem.isPresent()) {
					return problem;
				}
			}
			return Optional.empty();
		}
		return Optional.of("registry.region.boundary.type");
	}

	private static Optional<String> polygon(JsonNode rings, int[] positions) {
		if (!rings.isArray() || rings.isEmpty()) {
			return Optional.of("registry.region.boundary.ring");
		}
		for (JsonNode ring : rings) {
			if (!ring.isArray() || ring.size() < 4) {
				return Optional.of("registry.region.boundary.ring");
			}
			positions[0] += ring.size();
			if (positions[0] > MAX_POSITIONS) {
				return Optional.of("registry.region.boundary.tooLarge");
			}
			for (JsonNode position : ring) {
				if (!position.isArray() || position.size() < 2 || position.size() > 3 || !position.get(0).isNumber()
						|| !position.get(1).isNumber()) {
					return Optional.of("registry.region.boundary.coordinates");
				}
				double lon = position.get(0).asDouble();
				double lat = position.get(1).asDouble();
				if (!(lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54)) {
					return Optional.of("registry.region.boundary.coordinates");
				}
			}
			JsonNode first = ring.get(0);
			JsonNode last = ring.get(ring.size() - 1);
			if (first.get(0).asDouble() != last.get(0).asDouble() || first.get(1).asDouble() != last.get(1).asDouble()) {
				return Optional.of("registry.region.boundary.ring");
			}
		}
		return Optional.empty();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value != null && value.isString() ? value.asString() : null;
	}

}

package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionOutlineTests {

	private static final String SQUARE = "[[103.0,35.0],[103.1,35.0],[103.1,35.1],[103.0,35.1],[103.0,35.0]]";

	@Test
	void polygons_multipolygons_and_features_of_them_pass() {
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[" + SQUARE + "]}")).isEmpty();
		assertThat(RegionOutline.problem("{\"type\":\"MultiPolygon\",\"coordinates\":[[" + SQUARE + "],[" + SQUARE + "]]}")).isEmpty();
		assertThat(RegionOutline.problem("{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
				+ SQUARE + "]}}")).isEmpty();
	}

	@Test
	void malformed_outlines_are_refused_with_the_reason() {
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[1,2]")).contains("registry.region.boundary.notJson");
		assertThat(RegionOutline.problem("[1,2]")).contains("registry.region.boundary.notJson");
		assertThat(RegionOutline.problem("{\"type\":\"Point\",\"coordinates\":[103,35]}")).contains("registry.region.boundary.type");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":\"x\"}")).contains("registry.region.boundary.type");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[103,35],[104,35],[103,35]]]}"))
			.contains("registry.region.boundary.ring");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[103,35],[104,35],[104,36],[103,36]]]}"))
			.contains("registry.region.boundary.ring");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[\"103\",35],[104,35],[104,36],[\"103\",35]]]}"))
			.contains("registry.region.boundary.coordinates");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[35,103],[35,104],[36,104],[35,103]]]}"))
			.contains("registry.region.boundary.coordinates");
		assertThat(RegionOutline.problem("{\"type\":\"Polygon\",\"coordinates\":[[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.85]]]}"))
			.contains("registry.region.boundary.coordinates");
		StringBuilder big = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
		for (int i = 0; i < 10_001; i++) {
			big.append("[103.0,35.0],");
		}
		big.append("[103.0,35.0]]]}");
		assertThat(RegionOutline.problem(big.toString())).contains("registry.region.boundary.tooLarge");
		assertThat(RegionOutline.problem(" ".repeat(RegionOutline.MAX_BYTES + 1))).contains("registry.region.boundary.tooLarge");
	}

}

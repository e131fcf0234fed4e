package org.grassroots.registry;

/** A region node as other modules see it. */
public record RegionNode(long id, String code, String name, RegionType type, String path, int depth, Long parentId,
		Double centreLat, Double centreLon) {
}

package org.grassroots.registry;

/** A region node as other modules see it. */
public record RegionNode(long id, String code, String name, RegionType type, String path, int depth, Long parentId,
		Double centreLat, Double centreLon) {

	/** The code of the node a path ends at ("/62/6207/620799/" → 620799): a row's path names its node without a query. */
	public static String codeOf(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.substring(trimmed.lastIndexOf('/') + 1);
	}

}

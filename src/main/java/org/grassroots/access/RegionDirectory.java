package org.grassroots.access;

import java.util.List;
import java.util.Optional;

/**
 * What access needs to know of the region tree to bind accounts to nodes. Implemented by the
 * registry, so that access does not depend on it.
 */
public interface RegionDirectory {

	Optional<ScopeNode> find(String code);

	/** Nodes within the subtree of {@code path} down to the given depth (0 = county), in tree order. */
	List<ScopeNode> nodesWithin(String path, int maxDepth);

	record ScopeNode(String code, String name, String type, String path, int depth) {
	}

}

package org.grassroots.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.RegionDirectory;
import org.grassroots.shell.ReferenceData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read access to the region tree for every module, and the directory access binds accounts with. */
@Component
public class RegionTree implements RegionDirectory {

	/** How many nodes are kept by code at most (a county has a few thousand); past that the kept ones are dropped. */
	static final int KEPT_AT_MOST = 100_000;

	private final JdbcClient jdbc;
	private final ReferenceData.Reads<String, RegionNode> kept;
	/** A node's code by its id (both never change), so that a read by id is a read by code. */
	private final ReferenceData.Reads<Long, String> codes;

	RegionTree(JdbcClient jdbc, ReferenceData referenceData) {
		this.jdbc = jdbc;
		this.kept = referenceData.reads(KEPT_AT_MOST);
		this.codes = referenceData.reads(KEPT_AT_MOST);
	}

	/**
	 * One node by its code, without the node's duties. Every intake, every scope check and every figure asks
	 * this, so a node once read is kept for a while ({@link ReferenceData}). A node's code, type, path and parent
	 * never change once it exists (the registry adds nodes and edits their names, centres and outlines; it neither
	 * moves nor deletes them), so what is kept can only be behind on a name or a centre edited on another node,
	 * and for that time at most; an edit on this node is seen at once ({@link #forget}). A code not found is not
	 * kept: a node added on another node is found at once.
	 */
	public Optional<RegionNode> byCode(String code) {
		return kept.get(code, () -> jdbc.sql("SELECT " + NODE_COLUMNS + " FROM registry_region WHERE code = :c")
			.param("c", code)
			.query(RegionTree::node)
			.optional());
	}

	/** Forgets the node kept under {@code code} after the registry changed it, now and once the change commits. */
	public void forget(String code) {
		kept.forget(code);
	}

	/**
	 * A place named as people know it: a node below the villages with its village ("高庙村 第一网格"), since every village
	 * has a 第一网格; a village or anything above it by its own name.
	 */
	public String placeName(RegionNode node) {
		return placeNames(Map.of(node.id(), node)).get(node.id());
	}

	/** The depth of villages and communities in the tree (county 0, township 1). */
	private static final int VILLAGE_DEPTH = 2;

	public Optional<RegionNode> byId(long id) {
		return Optional.ofNullable(byIds(List.of(id)).get(id));
	}

	private static final String NODE_COLUMNS = "id, code, name, type, path, depth, parent_id, centre_lat, centre_lon";

	/**
	 * The nodes of many ids at once — what a list of rows names — from what is kept, the rest in one query. A list
	 * asks this after its rows are read, never from its row mapper: a query there takes a second connection while the
	 * list's own is held, and sixteen readers then wait on each other for the pool ({@link Pending}).
	 */
	public Map<Long, RegionNode> byIds(java.util.Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> known = codes.getAll(ids, missing -> {
			Map<Long, String> read = new java.util.HashMap<>();
			jdbc.sql("SELECT id, code FROM registry_region WHERE id IN (:ids)").param("ids", missing)
				.query((rs, i) -> read.put(rs.getLong(1), rs.getString(2))).list();
			return read;
		});
		Map<String, RegionNode> byCode = byCodes(known.values());
		Map<Long, RegionNode> nodes = new java.util.HashMap<>();
		known.forEach((id, code) -> {
			RegionNode node = byCode.get(code);
			if (node != null) {
				nodes.put(id, node);
			}
		});
		return nodes;
	}

	/** The nodes of many codes at once, from what is kept, the rest in one query. */
	public Map<String, RegionNode> byCodes(java.util.Collection<String> wanted) {
		if (wanted.isEmpty()) {
			return Map.of();
		}
		return kept.getAll(wanted, missing -> {
			Map<String, RegionNode> read = new java.util.HashMap<>();
			jdbc.sql("SELECT " + NODE_COLUMNS + " FROM registry_region WHERE code IN (:codes)").param("codes", missing)
				.query(RegionTree::node).list().forEach(n -> read.put(n.code(), n));
			return read;
		});
	}

	/**
	 * A row read with its region's id, finished once the nodes of all rows are known: a row mapper returns these,
	 * and {@link #finish} names them all with two queries at most, after the result set has let go of its connection.
	 * The finishing function is given the node (null if gone) and its place name ({@link #placeName}).
	 */
	public record Pending<T>(long regionId, java.util.function.BiFunction<RegionNode, String, T> finish) {
	}

	public <T> Pending<T> pending(long regionId, java.util.function.BiFunction<RegionNode, String, T> finish) {
		return new Pending<>(regionId, finish);
	}

	/** The rows finished with their nodes and place names, in their order. */
	public <T> List<T> finish(List<Pending<T>> rows) {
		Map<Long, RegionNode> nodes = byIds(rows.stream().map(Pending::regionId).collect(java.util.stream.Collectors.toSet()));
		Map<Long, String> names = placeNames(nodes);
		List<T> done = new ArrayList<>(rows.size());
		for (Pending<T> row : rows) {
			done.add(row.finish().apply(nodes.get(row.regionId()), names.getOrDefault(row.regionId(), "")));
		}
		return done;
	}

	/** The place names of many ids at once ({@link #placeName}): the villages of the grids read together. */
	public Map<Long, String> placeNames(java.util.Collection<Long> ids) {
		return placeNames(byIds(ids));
	}

	private Map<Long, String> placeNames(Map<Long, RegionNode> nodes) {
		Map<String, RegionNode> villages = byCodes(nodes.values().stream().map(RegionTree::villageCode)
			.filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
		Map<Long, String> names = new java.util.HashMap<>();
		nodes.forEach((id, node) -> {
			String village = villageCode(node);
			RegionNode v = village == null ? null : villages.get(village);
			names.put(id, v == null ? node.name() : v.name() + " " + node.name());
		});
		return names;
	}

	/** The code of the village a node below the villages lies in, null for a village or anything above it. */
	private static String villageCode(RegionNode node) {
		String[] codes = node.path().substring(1).split("/");
		return codes.length <= VILLAGE_DEPTH + 1 ? null : codes[VILLAGE_DEPTH];
	}

	/**
	 * The children of a node, in code order. Read as nodes, not as Region aggregates: loading those reads each one's
	 * duties with a query per row, on a second connection while the first is held.
	 */
	public List<RegionNode> children(long parentId) {
		return jdbc.sql("SELECT " + NODE_COLUMNS + " FROM registry_region WHERE parent_id = :p ORDER BY code").param("p", parentId)
			.query(RegionTree::node).list();
	}

	/** A node with its boundary (GeoJSON geometry), for maps. */
	public record RegionShape(RegionNode node, String boundary) {
	}

	/** A node's outline (GeoJSON geometry), if it has one that can be drawn (one stored before the rules were is not). */
	public Optional<String> boundaryOf(String code) {
		return jdbc.sql("SELECT boundary FROM registry_region WHERE code = :c AND boundary IS NOT NULL").param("c", code)
			.query(String.class).optional().filter(RegionOutline::isValid);
	}

	/** The nodes of one type within a subtree that have a boundary. */
	public List<RegionShape> shapes(String path, RegionType type) {
		return jdbc.sql("SELECT * FROM registry_region WHERE path LIKE :p AND type = :t AND boundary IS NOT NULL ORDER BY path")
			.param("p", path + "%")
			.param("t", type.name())
			.query((rs, i) -> new RegionShape(node(rs, i), rs.getString("boundary")))
			.list()
			.stream()
			.filter(shape -> RegionOutline.isValid(shape.boundary()))
			.toList();
	}

	/** The top nodes of the tree (a deployment normally has one county). */
	public List<RegionNode> roots() {
		return jdbc.sql("SELECT * FROM registry_region WHERE parent_id IS NULL ORDER BY code").query(RegionTree::node).list();
	}

	/** The node and its ancestors, root first: the breadcrumb. */
	public List<RegionNode> lineage(String path) {
		List<String> codes = new ArrayList<>();
		for (String part : path.split("/")) {
			if (!part.isEmpty()) {
				codes.add(part);
			}
		}
		if (codes.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM registry_region WHERE code IN (:codes) ORDER BY depth")
			.param("codes", codes)
			.query(RegionTree::node)
			.list();
	}

	/** The lineage a user may navigate: ancestors above their own node are left out. */
	public List<RegionNode> lineageWithin(CurrentUser user, String path) {
		return lineage(path).stream().filter(n -> user.covers(n.path())).toList();
	}

	/** Every node of the subtree, in tree (path) order. */
	public List<RegionNode> subtree(String path) {
		return jdbc.sql("SELECT * FROM registry_region WHERE path LIKE :p ORDER BY path")
			.param("p", path + "%")
			.query(RegionTree::node)
			.list();
	}

	/** The subtree as nested maps (code, name, type, children) for the API. */
	public Map<String, Object> nested(String path) {
		List<RegionNode> nodes = subtree(path);
		Map<Long, Map<String, Object>> byId = new LinkedHashMap<>();
		Map<String, Object> root = null;
		for (RegionNode node : nodes.stream().sorted(Comparator.comparingInt(RegionNode::depth).thenComparing(RegionNode::code)).toList()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("code", node.code());
			m.put("name", node.name());
			m.put("type", node.type().name());
			m.put("children", new ArrayList<Map<String, Object>>());
			byId.put(node.id(), m);
			if (node.path().equals(path)) {
				root = m;
			}
			else if (node.parentId() != null && byId.containsKey(node.parentId())) {
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> children = (List<Map<String, Object>>) byId.get(node.parentId()).get("children");
				children.add(m);
			}
		}
		return root;
	}

	@Override
	public Optional<ScopeNode> find(String code) {
		return byCode(code).map(RegionTree::scopeNode);
	}

	@Override
	public List<ScopeNode> nodesWithin(String path, int maxDepth) {
		return jdbc.sql("SELECT * FROM registry_region WHERE path LIKE :p AND depth <= :d ORDER BY path")
			.param("p", path + "%")
			.param("d", maxDepth)
			.query(RegionTree::node)
			.list()
			.stream()
			.map(RegionTree::scopeNode)
			.toList();
	}

	static RegionNode node(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		long parent = rs.getLong("parent_id");
		Long parentId = rs.wasNull() ? null : parent;
		double lat = rs.getDouble("centre_lat");
		Double centreLat = rs.wasNull() ? null : lat;
		double lon = rs.getDouble("centre_lon");
		Double centreLon = rs.wasNull() ? null : lon;
		return new RegionNode(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
				RegionType.valueOf(rs.getString("type")), rs.getString("path"), rs.getInt("depth"), parentId, centreLat,
				centreLon);
	}

	private static ScopeNode scopeNode(RegionNode n) {
		return new ScopeNode(n.code(), n.name(), n.type().name(), n.path(), n.depth());
	}

}

package org.grassroots.dashboard.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.dashboard.internal.Tessellation.Cell;
import org.grassroots.dashboard.internal.Tessellation.Point;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's map (示意图): villages (社区) drawn as the areas nearest their centres, coloured by their 办结率 in
 * the period, the lines between townships drawn heavier; a village's grids are the areas nearest the grids' centres
 * within it. The registry holds centre points, and the outlines that regions may carry are not used here: they are
 * optional and, where given, drawn by hand at different scales, while the map must cover its area without gaps.
 *
 * <p>Everything is read within the user's scope: the map is divided among the villages of the user's own node, so a
 * township sees its villages and nothing of its neighbours', and the same village has the same shape on every page
 * that user sees.
 */
@Component
public class SchematicMap {

	/** The width of the drawing in its own units; the height follows the area's shape. */
	static final double WIDTH = 1000;

	/** Without any spread to measure a margin by: about a kilometre, in degrees. */
	private static final double DEFAULT_MARGIN = 0.01;

	private final JdbcClient jdbc;

	private final RegionTree regions;

	private final java.time.Clock clock;

	SchematicMap(JdbcClient jdbc, RegionTree regions, java.time.Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.clock = clock;
	}

	/** The colour classes of 办结率, worst first: where each starts (in percent) and its colour. */
	public enum Band {

		BELOW_80(null, "#d7191c", true), FROM_80(80, "#fdae61", false), FROM_85(85, "#ffffbf", false),
		FROM_90(90, "#abd9e9", false), FROM_95(95, "#2c7bb6", true);

		private final BigDecimal from;

		private final String colour;

		private final boolean dark;

		Band(Integer from, String colour, boolean dark) {
			this.from = from == null ? null : BigDecimal.valueOf(from);
			this.colour = colour;
			this.dark = dark;
		}

		public BigDecimal from() {
			return from;
		}

		/** Where the next band starts: this band's upper end, not included; null for the last. */
		public BigDecimal upTo() {
			return ordinal() + 1 < values().length ? values()[ordinal() + 1].from : null;
		}

		public String colour() {
			return colour;
		}

		public boolean dark() {
			return dark;
		}

		/** The band of a rate as shown (one decimal); null when nothing was received. */
		public static Band of(BigDecimal percent) {
			if (percent == null) {
				return null;
			}
			Band band = BELOW_80;
			for (Band b : values()) {
				if (b.from != null && percent.compareTo(b.from) >= 0) {
					band = b;
				}
			}
			return band;
		}

	}

	/**
	 * One area of the map: a village at the county's and township's zoom, a grid at a village's. {@code d} is its
	 * outline as an SVG path, {@code ring} the same in longitude/latitude; the label sits at (labelX, labelY) with the
	 * rate below the name when both fit, only the name when only that fits, none when the area is too small (its name
	 * is then in its tooltip and shows on zooming in).
	 */
	public record Area(String code, String name, String path, String townshipCode, RegionType type, String d,
			List<double[]> ring, double labelX, double labelY, double fontSize, boolean showName, boolean showRate,
			long received, long resolved, BigDecimal rate, Band band, boolean hasGrids) {

		/** Where the name is written: above the middle when the rate goes below it. */
		public String nameX() {
			return number(labelX);
		}

		public String nameY() {
			return number(showRate ? labelY - fontSize * 0.55 : labelY);
		}

		public String nameSize() {
			return number(fontSize);
		}

		public String rateY() {
			return number(labelY + fontSize * 0.6);
		}

		public String rateSize() {
			return number(fontSize * 0.85);
		}

	}

	/**
	 * What the map of one node shows: its areas, the township lines and the outline, in a drawing {@code width} by
	 * {@code height}; {@code level} is "villages" or "grids"; {@code unplaced} names the areas that have no centre
	 * in the registry and are therefore not drawn.
	 */
	public record View(RegionNode focus, String level, double width, double height, List<Area> areas, List<String> borders,
			String outline, List<RegionNode> trail, List<RegionNode> townships, List<String> unplaced) {

		public String viewBox() {
			return "0 0 " + number(width) + " " + number(height);
		}

	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/**
	 * The map of a node for appeals received in [from, to], narrowed by the filter. Empty below a grid, where
	 * nothing is divided any further.
	 */
	public Optional<View> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to, AppealFigures.Filter filter) {
		return of(user, regionCode, from, to, filter, null);
	}

	/**
	 * As {@link #of(CurrentUser, String, LocalDate, LocalDate, AppealFigures.Filter)}, with what each child of the region
	 * counted in the same period under the same filter already read ({@link AppealFigures#byChild}, the page's table):
	 * a village's map then draws its grids from those figures instead of reading the same rows again.
	 */
	public Optional<View> of(CurrentUser user, String regionCode, LocalDate from, LocalDate to, AppealFigures.Filter filter,
			List<AppealFigures.ChildFigures> children) {
		user.require(Permission.APPEAL_READ);
		RegionNode focus = regions.byCode(regionCode == null || regionCode.isBlank() ? user.regionCode() : regionCode.strip())
			.orElseThrow(OutOfScopeException::new);
		user.requireInScope(focus.path());
		if (focus.depth() > 3) {
			return Optional.empty();
		}
		// divided among the villages of the user's own node, whichever node is shown
		RegionNode root = regions.byCode(user.regionCode()).orElseThrow(OutOfScopeException::new);
		Tree tree = new Tree(regions.subtree(root.path()));
		Projection projection = new Projection(tree.nodes);
		Villages villages = villages(tree, projection);
		Layer layer = focus.depth() <= 1 ? villageLayer(focus, root, villages) : gridLayer(focus, tree, projection, villages);
		Map<String, long[]> counts = focus.depth() <= 1 ? villageCounts(layer, from, to, filter)
				: children != null ? childCounts(children) : counts(focus, from, to, filter);
		return Optional.of(draw(user, focus, tree, projection, villages, layer, counts));
	}

	/** The villages of the user's subtree that have a centre, their areas within the hull, and those that have none. */
	private record Villages(List<RegionNode> placed, List<Cell> cells, List<Point> hull, List<RegionNode> unplaced) {
	}

	/**
	 * What one node's map divides: its areas, the lines between townships, its outline (a ring, or loose edges for
	 * a township seen from the county) and the areas not drawn.
	 */
	private record Layer(String level, List<Unit> units, List<List<Point>> borders, List<List<Point>> edges, List<Point> outline,
			List<RegionNode> unplaced) {
	}

	private static Villages villages(Tree tree, Projection projection) {
		List<Point> everything = tree.nodes.stream()
			.filter(n -> n.centreLat() != null && n.centreLon() != null && n.depth() >= 2 && n.depth() <= 3)
			.map(projection::apply).toList();
		List<RegionNode> placed = new ArrayList<>();
		List<Point> sites = new ArrayList<>();
		List<RegionNode> unplaced = new ArrayList<>();
		for (RegionNode v : tree.nodes.stream().filter(n -> n.depth() == 2).toList()) {
			Point p = tree.centre(v, projection);
			if (p == null) {
				unplaced.add(v);
			}
			else {
				placed.add(v);
				sites.add(p);
			}
		}
		double margin = Tessellation.margin(sites, everything);
		List<Point> hull = Tessellation.widenedHull(everything, margin > 0 ? margin : DEFAULT_MARGIN);
		return new Villages(placed, sites.isEmpty() ? List.of() : Tessellation.voronoi(sites, hull), hull, unplaced);
	}

	/** The county's or a township's map: its villages, and the lines between townships or the township's edge. */
	private static Layer villageLayer(RegionNode focus, RegionNode root, Villages villages) {
		List<Unit> units = new ArrayList<>();
		List<List<Point>> borders = new ArrayList<>();
		List<List<Point>> edges = new ArrayList<>();
		// the whole map has the hull for its outline; a township within a county's map has its own edge instead
		List<Point> outline = focus.depth() == 0 || root.depth() == 1 ? villages.hull() : null;
		for (Cell cell : villages.cells()) {
			RegionNode village = villages.placed().get(cell.site());
			String township = township(village);
			if (village.path().startsWith(focus.path()) && !cell.isEmpty()) {
				units.add(new Unit(village, cell.ring()));
			}
			for (int e = 0; e < cell.ring().size(); e++) {
				int other = cell.across()[e];
				List<Point> edge = List.of(cell.ring().get(e), cell.ring().get((e + 1) % cell.ring().size()));
				boolean otherTownship = other >= 0 && !township(villages.placed().get(other)).equals(township);
				if (focus.depth() == 0 && otherTownship && other > cell.site()) {
					// the lines between townships: edges of a village's area that face a village of another township
					borders.add(edge);
				}
				else if (outline == null && township.equals(focus.code()) && (other < 0 || otherTownship)) {
					edges.add(edge);
				}
			}
		}
		List<RegionNode> unplaced = villages.unplaced().stream().filter(v -> v.path().startsWith(focus.path())).toList();
		return new Layer("villages", units, borders, edges, outline, unplaced);
	}

	/**
	 * A village's map, its grids dividing its area by their centres; or one grid's area from it. A user whose node
	 * is a grid has that grid's hull for its area.
	 */
	private static Layer gridLayer(RegionNode focus, Tree tree, Projection projection, Villages villages) {
		RegionNode village = focus.depth() == 2 ? focus : tree.parent(focus);
		int index = village == null ? -1 : villages.placed().indexOf(village);
		List<Point> area = index >= 0 ? villages.cells().get(index).ring() : villages.hull();
		List<RegionNode> grids = index < 0 ? List.of(focus) : tree.children(village).stream().filter(g -> g.depth() == 3).toList();
		List<RegionNode> placed = new ArrayList<>();
		List<Point> sites = new ArrayList<>();
		List<RegionNode> unplaced = new ArrayList<>();
		for (RegionNode g : grids) {
			Point p = tree.centre(g, projection);
			if (p == null) {
				unplaced.add(g);
			}
			else {
				placed.add(g);
				sites.add(p);
			}
		}
		List<Cell> cells = sites.isEmpty() ? List.of() : Tessellation.voronoi(sites, area);
		List<Unit> units = new ArrayList<>();
		for (int i = 0; i < placed.size(); i++) {
			if (cells.get(i).isEmpty()) {
				// its centre lies beyond the village's area, nearer the other grids' than any part of it
				unplaced.add(placed.get(i));
			}
			else {
				units.add(new Unit(placed.get(i), cells.get(i).ring()));
			}
		}
		units.removeIf(u -> !u.node.path().startsWith(focus.path()));
		unplaced.removeIf(g -> !g.path().startsWith(focus.path()));
		return new Layer("grids", units, List.of(), List.of(), focus.depth() == 2 ? area : null, unplaced);
	}

	/** The layer fitted into the drawing, each area with its counts, colour and label. */
	private View draw(CurrentUser user, RegionNode focus, Tree tree, Projection projection, Villages villages, Layer layer,
			Map<String, long[]> counts) {
		Fit fit = new Fit(layer.units(), layer.outline());
		List<long[]> figures = new ArrayList<>();
		List<List<Point>> rings = new ArrayList<>();
		List<String> rates = new ArrayList<>();
		for (Unit u : layer.units()) {
			long[] c = new long[2];
			counts.forEach((path, row) -> {
				if (path.startsWith(u.node.path())) {
					c[0] += row[0];
					c[1] += row[1];
				}
			});
			figures.add(c);
			rings.add(u.ring.stream().map(fit::apply).toList());
			BigDecimal rate = FigureFormat.percent(c[1], c[0]);
			rates.add(rate == null ? FigureFormat.NONE : rate.toPlainString() + "%");
		}
		double base = Label.commonSize(rings, layer.units().stream().map(u -> u.node.name()).toList(), rates, fit.fontSize());
		List<Area> areas = new ArrayList<>();
		for (int i = 0; i < layer.units().size(); i++) {
			RegionNode node = layer.units().get(i).node;
			long[] c = figures.get(i);
			BigDecimal rate = FigureFormat.percent(c[1], c[0]);
			Label label = Label.place(rings.get(i), node.name(), rates.get(i), base);
			areas.add(new Area(node.code(), node.name(), node.path(), township(node), node.type(), svg(rings.get(i), true),
					layer.units().get(i).ring.stream().map(projection::invert).toList(), label.x, label.y, label.size, label.name,
					label.rate, c[0], c[1], rate, Band.of(rate), layer.level().equals("villages") && !tree.children(node).isEmpty()));
		}
		List<String> borders = layer.borders().stream().map(b -> svg(b.stream().map(fit::apply).toList(), false)).toList();
		String outline = layer.outline() != null ? svg(layer.outline().stream().map(fit::apply).toList(), true)
				: layer.edges().isEmpty() ? null
						: String.join(" ", layer.edges().stream().map(e -> svg(e.stream().map(fit::apply).toList(), false)).toList());
		// at the county's zoom, a button per township that has villages on the map
		List<RegionNode> townships = focus.depth() == 0 ? tree.nodes.stream()
			.filter(n -> n.depth() == 1 && villages.placed().stream().anyMatch(v -> v.path().startsWith(n.path()))).toList() : List.of();
		return new View(focus, layer.level(), fit.width, fit.height, areas, borders, outline, regions.lineageWithin(user, focus.path()),
				townships, layer.unplaced().stream().map(RegionNode::name).toList());
	}

	/**
	 * Received and resolved per village of a county's or township's map, from the villages' own rollup rows (whole
	 * months from the monthly table, the edges from the daily one), in one statement: not a year of every grid's
	 * daily rows.
	 */
	private Map<String, long[]> villageCounts(Layer layer, LocalDate from, LocalDate to, AppealFigures.Filter filter) {
		Map<String, long[]> counts = new HashMap<>();
		if (layer.units().isEmpty()) {
			return counts;
		}
		List<AppealFigures.Slice> slices = AppealFigures.slices(layer.units().get(0).node, from, to,
				LocalDate.now(clock.withZone(org.grassroots.calendar.WorkingCalendar.ZONE)));
		if (slices.isEmpty() || !slices.get(0).exact()) {
			return counts;
		}
		Map<String, Object> params = new LinkedHashMap<>();
		String sql = AppealFigures.union(slices, "{path}, COALESCE(SUM(received),0), COALESCE(SUM(resolved),0)", "{path} IN (:paths)", null,
				"{path}", filter, params);
		params.put("paths", layer.units().stream().map(u -> u.node.path()).toList());
		jdbc.sql(sql).params(params)
			.query((rs, i) -> counts.merge(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)},
					(a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}))
			.list();
		return counts;
	}

	/** Received and resolved per child's path, from the children's figures read already. */
	private Map<String, long[]> childCounts(List<AppealFigures.ChildFigures> children) {
		Map<String, long[]> counts = new HashMap<>();
		children.forEach(c -> regions.byCode(c.code()).ifPresent(n -> counts.put(n.path(), new long[] {c.received(), c.resolved()})));
		return counts;
	}

	/** Received and resolved per region path under the node, for appeals received in the period. */
	private Map<String, long[]> counts(RegionNode focus, LocalDate from, LocalDate to, AppealFigures.Filter filter) {
		StringBuilder sql = new StringBuilder("""
				SELECT region_path, COALESCE(SUM(received),0), COALESCE(SUM(resolved),0) FROM dashboard_appeal_daily
				WHERE region_path LIKE :p AND day_received >= :from AND day_received <= :to""");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("p", focus.path() + "%");
		params.put("from", from);
		params.put("to", to);
		filter.bind(sql, params);
		sql.append(" GROUP BY region_path");
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql(sql.toString()).params(params)
			.query((rs, i) -> counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}))
			.list();
		return counts;
	}

	private static String township(RegionNode node) {
		String[] parts = node.path().split("/");
		return parts.length > 2 ? parts[2] : node.code();
	}

	private static String svg(List<Point> points, boolean closed) {
		StringBuilder d = new StringBuilder();
		for (int i = 0; i < points.size(); i++) {
			d.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", points.get(i).x(), points.get(i).y()));
		}
		return closed ? d.append('Z').toString() : d.toString();
	}

	private record Unit(RegionNode node, List<Point> ring) {
	}

	/** The nodes of the user's subtree, with their children at hand. */
	private static final class Tree {

		private final List<RegionNode> nodes;

		private final Map<Long, List<RegionNode>> children = new HashMap<>();

		private final Map<Long, RegionNode> byId = new HashMap<>();

		Tree(List<RegionNode> nodes) {
			this.nodes = nodes;
			nodes.forEach(n -> byId.put(n.id(), n));
			nodes.stream().filter(n -> n.parentId() != null)
				.forEach(n -> children.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n));
		}

		List<RegionNode> children(RegionNode node) {
			return children.getOrDefault(node.id(), List.of());
		}

		RegionNode parent(RegionNode node) {
			return node.parentId() == null ? null : byId.get(node.parentId());
		}

		/** A node's centre: its own, or else the middle of its grids' centres; null when neither is known. */
		Point centre(RegionNode node, Projection projection) {
			if (node.centreLat() != null && node.centreLon() != null) {
				return projection.apply(node);
			}
			List<Point> below = children(node).stream().filter(c -> c.centreLat() != null && c.centreLon() != null)
				.map(projection::apply).toList();
			if (below.isEmpty()) {
				return null;
			}
			return new Point(below.stream().mapToDouble(Point::x).average().orElseThrow(),
					below.stream().mapToDouble(Point::y).average().orElseThrow());
		}

	}

	/**
	 * Longitude and latitude to a plane in which distances are right at the area's middle latitude (a degree of
	 * longitude is shorter than one of latitude away from the equator); y grows southwards, as on a screen.
	 */
	private static final class Projection {

		private final double cos;

		Projection(List<RegionNode> nodes) {
			double lat = nodes.stream().filter(n -> n.centreLat() != null).mapToDouble(RegionNode::centreLat).average().orElse(0);
			this.cos = Math.max(0.05, Math.cos(Math.toRadians(lat)));
		}

		Point apply(RegionNode node) {
			return new Point(node.centreLon() * cos, -node.centreLat());
		}

		double[] invert(Point p) {
			return new double[] {Math.round(p.x() / cos * 1e6) / 1e6, Math.round(-p.y() * 1e6) / 1e6};
		}

	}

	/** The plane scaled into the drawing, with a small border. */
	private static final class Fit {

		private final double minX;

		private final double minY;

		private final double factor;

		private final double width;

		private final double height;

		private final double pad;

		Fit(List<Unit> units, List<Point> outline) {
			List<Point> all = new ArrayList<>();
			units.forEach(u -> all.addAll(u.ring));
			if (outline != null) {
				all.addAll(outline);
			}
			double x0 = all.stream().mapToDouble(Point::x).min().orElse(0);
			double x1 = all.stream().mapToDouble(Point::x).max().orElse(1);
			double y0 = all.stream().mapToDouble(Point::y).min().orElse(0);
			double y1 = all.stream().mapToDouble(Point::y).max().orElse(1);
			double w = Math.max(1e-9, x1 - x0);
			double h = Math.max(1e-9, y1 - y0);
			// a tall area is drawn no taller than wide by a third, so that it still fits a phone's screen
			double inner = h / w > 1.3 ? WIDTH * 1.3 * w / h : WIDTH;
			this.pad = WIDTH * 0.02;
			this.factor = inner / w;
			this.minX = x0 - (WIDTH - inner) / 2 / factor;
			this.minY = y0;
			this.width = WIDTH + 2 * pad;
			this.height = h * factor + 2 * pad;
		}

		Point apply(Point p) {
			return new Point((p.x() - minX) * factor + pad, (p.y() - minY) * factor + pad);
		}

		/** Names at about 11 px on a phone 360 px wide, where the drawing is some 320 px across. */
		double fontSize() {
			return width * 0.034;
		}

	}

	/** Where a label goes and how large, so that it stays inside its area. */
	private record Label(double x, double y, double size, boolean name, boolean rate) {

		private static final double[] SIZES = {1.0, 0.85, 0.7};

		/** Larger type for every label alike, when every area has room for it: few large areas read better so. */
		private static final double[] COMMON = {1.4, 1.2};

		static double commonSize(List<List<Point>> rings, List<String> names, List<String> rates, double base) {
			for (double s : COMMON) {
				boolean all = true;
				for (int i = 0; i < rings.size() && all; i++) {
					all = fits(rings.get(i), Tessellation.centroid(rings.get(i)), box(names.get(i), rates.get(i), base * s, true),
							base * s * 2.2);
				}
				if (all) {
					return base * s;
				}
			}
			return base;
		}

		private static double box(String name, String rate, double size, boolean withRate) {
			return Math.max(width(name) * size, withRate ? width(rate) * size * 0.85 : 0);
		}

		static Label place(List<Point> ring, String name, String rate, double base) {
			Point c = Tessellation.centroid(ring);
			for (boolean withRate : new boolean[] {true, false}) {
				for (double s : SIZES) {
					double size = base * s;
					double w = box(name, rate, size, withRate);
					double h = withRate ? size * 2.2 : size * 1.1;
					if (fits(ring, c, w, h)) {
						return new Label(c.x(), c.y(), size, true, withRate);
					}
				}
			}
			return new Label(c.x(), c.y(), base, false, false);
		}

		/** A CJK character is as wide as the type is high; digits and signs about six tenths of that. */
		static double width(String text) {
			double w = 0;
			for (int i = 0; i < text.length(); i++) {
				w += text.charAt(i) < 0x2E80 ? 0.6 : 1.0;
			}
			return w;
		}

		static boolean fits(List<Point> ring, Point c, double w, double h) {
			double x0 = c.x() - w / 2;
			double x1 = c.x() + w / 2;
			double y0 = c.y() - h / 2;
			double y1 = c.y() + h / 2;
			return Tessellation.contains(ring, new Point(x0, y0)) && Tessellation.contains(ring, new Point(x1, y0))
					&& Tessellation.contains(ring, new Point(x0, y1)) && Tessellation.contains(ring, new Point(x1, y1));
		}

	}

}

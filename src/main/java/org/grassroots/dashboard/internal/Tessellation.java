package org.grassroots.dashboard.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The plane geometry of the schematic map (示意图): the registry knows where each village's and grid's centre is,
 * not where its boundary runs, so an area is drawn as the part of the plane nearer its centre than any other
 * (a Voronoi or Thiessen cell), cut to the hull around all the centres. The cells are convex and share their edges
 * exactly; each edge remembers the site across it, so that the lines between townships can be drawn.
 */
public final class Tessellation {

	/** How many corners the circle around each centre gets when the hull is widened. */
	private static final int ROUND = 16;

	private static final double EPS = 1e-12;

	private Tessellation() {
	}

	/** A point of the projected plane. */
	public record Point(double x, double y) {

		double distance(Point o) {
			return Math.hypot(x - o.x, y - o.y);
		}

	}

	/**
	 * One site's cell: its corners in order, and for each edge (from corner i to corner i + 1) the index of the
	 * site on the other side, or -1 where the edge is the outline.
	 */
	public record Cell(int site, List<Point> ring, int[] across) {

		public boolean isEmpty() {
			return ring.size() < 3;
		}

	}

	/**
	 * The cells of the sites within the outline (a convex polygon). Sites on the same spot would have no line
	 * between them; the later one is moved by a millionth of the outline's size, which no drawing shows.
	 */
	public static List<Cell> voronoi(List<Point> sites, List<Point> outline) {
		List<Point> s = separated(sites, outline);
		List<Cell> cells = new ArrayList<>();
		for (int i = 0; i < s.size(); i++) {
			List<Point> ring = new ArrayList<>(outline);
			List<Integer> across = new ArrayList<>();
			outline.forEach(p -> across.add(-1));
			for (int j = 0; j < s.size() && ring.size() >= 3; j++) {
				if (j != i) {
					clip(ring, across, s.get(i), s.get(j), j);
				}
			}
			cells.add(new Cell(i, List.copyOf(ring), across.stream().mapToInt(Integer::intValue).toArray()));
		}
		return cells;
	}

	private static List<Point> separated(List<Point> sites, List<Point> outline) {
		double size = 1e-6 * Math.max(EPS, diameter(outline));
		List<Point> out = new ArrayList<>();
		for (Point p : sites) {
			Point q = p;
			int tries = 0;
			while (true) {
				Point candidate = q;
				if (out.stream().noneMatch(o -> o.distance(candidate) < size / 2)) {
					break;
				}
				tries++;
				q = new Point(p.x + size * tries, p.y + size * tries);
			}
			out.add(q);
		}
		return out;
	}

	/**
	 * Keeps the part of the ring nearer {@code a} than {@code b} (Sutherland–Hodgman against their bisector); the
	 * new edge along the bisector is marked as facing site {@code label}.
	 */
	static void clip(List<Point> ring, List<Integer> across, Point a, Point b, int label) {
		double nx = b.x - a.x;
		double ny = b.y - a.y;
		double c = (nx * (a.x + b.x) + ny * (a.y + b.y)) / 2;
		List<Point> points = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		int n = ring.size();
		for (int i = 0; i < n; i++) {
			Point cur = ring.get(i);
			Point next = ring.get((i + 1) % n);
			double fc = nx * cur.x + ny * cur.y - c;
			double fn = nx * next.x + ny * next.y - c;
			boolean curIn = fc <= 0;
			boolean nextIn = fn <= 0;
			if (curIn) {
				points.add(cur);
				labels.add(across.get(i));
				if (!nextIn) {
					points.add(cut(cur, next, fc, fn));
					labels.add(label);
				}
			}
			else if (nextIn) {
				points.add(cut(cur, next, fc, fn));
				labels.add(across.get(i));
			}
		}
		ring.clear();
		across.clear();
		// corners that fell on one another leave an edge of no length: the later corner (and its edge) stays
		for (int i = 0; i < points.size(); i++) {
			Point next = points.get((i + 1) % points.size());
			if (points.size() > 1 && points.get(i).distance(next) < 1e-9 * Math.max(1, Math.abs(next.x) + Math.abs(next.y))) {
				continue;
			}
			ring.add(points.get(i));
			across.add(labels.get(i));
		}
	}

	private static Point cut(Point p, Point q, double fp, double fq) {
		double t = fp / (fp - fq);
		return new Point(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y));
	}

	/** The convex hull, counter-clockwise in a y-up plane (Andrew's monotone chain). */
	public static List<Point> hull(List<Point> points) {
		List<Point> sorted = new ArrayList<>(points);
		sorted.sort(Comparator.comparingDouble(Point::x).thenComparingDouble(Point::y));
		if (sorted.size() < 3) {
			return sorted;
		}
		Point[] h = new Point[2 * sorted.size()];
		int k = 0;
		for (Point p : sorted) {
			while (k >= 2 && cross(h[k - 2], h[k - 1], p) <= 0) {
				k--;
			}
			h[k++] = p;
		}
		for (int i = sorted.size() - 2, t = k + 1; i >= 0; i--) {
			Point p = sorted.get(i);
			while (k >= t && cross(h[k - 2], h[k - 1], p) <= 0) {
				k--;
			}
			h[k++] = p;
		}
		return List.of(java.util.Arrays.copyOf(h, k - 1));
	}

	/** The hull around circles of radius {@code r} about the points: the outline of the map, with a margin. */
	public static List<Point> widenedHull(List<Point> points, double r) {
		List<Point> all = new ArrayList<>();
		for (Point p : points) {
			for (int i = 0; i < ROUND; i++) {
				double angle = 2 * Math.PI * i / ROUND;
				all.add(new Point(p.x + r * Math.cos(angle), p.y + r * Math.sin(angle)));
			}
		}
		return hull(all);
	}

	/**
	 * The margin round the centres: six tenths of the median distance from a site to its nearest neighbour, so that
	 * a village at the edge gets about as much room outwards as it has inwards.
	 */
	public static double margin(List<Point> sites, List<Point> all) {
		List<Double> nearest = new ArrayList<>();
		for (Point p : sites) {
			sites.stream().filter(q -> q != p && q.distance(p) > EPS).mapToDouble(q -> q.distance(p)).min()
				.ifPresent(nearest::add);
		}
		if (!nearest.isEmpty()) {
			nearest.sort(Double::compare);
			return 0.6 * nearest.get(nearest.size() / 2);
		}
		double spread = diameter(all);
		return spread > EPS ? 0.5 * spread : 0;
	}

	/** The centre of gravity of a polygon (inside it when it is convex). */
	public static Point centroid(List<Point> ring) {
		double a = 0;
		double cx = 0;
		double cy = 0;
		for (int i = 0; i < ring.size(); i++) {
			Point p = ring.get(i);
			Point q = ring.get((i + 1) % ring.size());
			double f = p.x * q.y - q.x * p.y;
			a += f;
			cx += (p.x + q.x) * f;
			cy += (p.y + q.y) * f;
		}
		if (Math.abs(a) < EPS) {
			return new Point(ring.stream().mapToDouble(Point::x).average().orElse(0),
					ring.stream().mapToDouble(Point::y).average().orElse(0));
		}
		return new Point(cx / (3 * a), cy / (3 * a));
	}

	/** Whether a point lies inside (or on) a convex polygon, whichever way round its corners go. */
	public static boolean contains(List<Point> convex, Point p) {
		int sign = 0;
		for (int i = 0; i < convex.size(); i++) {
			double c = cross(convex.get(i), convex.get((i + 1) % convex.size()), p);
			if (Math.abs(c) < EPS) {
				continue;
			}
			int s = c > 0 ? 1 : -1;
			if (sign == 0) {
				sign = s;
			}
			else if (s != sign) {
				return false;
			}
		}
		return true;
	}

	public static double area(List<Point> ring) {
		double a = 0;
		for (int i = 0; i < ring.size(); i++) {
			Point p = ring.get(i);
			Point q = ring.get((i + 1) % ring.size());
			a += p.x * q.y - q.x * p.y;
		}
		return Math.abs(a) / 2;
	}

	private static double diameter(List<Point> points) {
		double max = 0;
		for (Point p : points) {
			for (Point q : points) {
				max = Math.max(max, p.distance(q));
			}
		}
		return max;
	}

	private static double cross(Point o, Point a, Point b) {
		return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
	}

}

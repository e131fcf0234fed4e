package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.grassroots.dashboard.internal.Tessellation.Cell;
import org.grassroots.dashboard.internal.Tessellation.Point;
import org.junit.jupiter.api.Test;

/** The schematic map's geometry: areas nearest each centre, cut to the hull, covering it without gaps or overlaps. */
class TessellationTests {

	private static final List<Point> SQUARE = List.of(new Point(0, 0), new Point(10, 0), new Point(10, 10), new Point(0, 10));

	@Test
	void the_hull_keeps_the_outer_points_only() {
		List<Point> hull = Tessellation.hull(List.of(new Point(0, 0), new Point(10, 0), new Point(5, 5), new Point(10, 10),
				new Point(0, 10), new Point(5, 0)));
		assertThat(hull).containsExactlyInAnyOrder(new Point(0, 0), new Point(10, 0), new Point(10, 10), new Point(0, 10));
	}

	@Test
	void four_centres_in_a_square_divide_it_into_its_four_quarters() {
		List<Cell> cells = Tessellation.voronoi(List.of(new Point(2, 2), new Point(8, 2), new Point(8, 8), new Point(2, 8)), SQUARE);
		assertThat(cells).hasSize(4);
		for (Cell cell : cells) {
			assertThat(Tessellation.area(cell.ring())).isCloseTo(25, within(1e-9));
		}
		// the first quarter is [0,5] x [0,5]; its inner edges face the second and the fourth centre
		assertThat(cells.get(0).ring()).containsExactlyInAnyOrder(new Point(0, 0), new Point(5, 0), new Point(5, 5), new Point(0, 5));
		assertThat(cells.get(0).across()).containsExactlyInAnyOrder(-1, 1, 3, -1);
	}

	@Test
	void an_edge_between_two_areas_is_marked_on_both_sides() {
		List<Cell> cells = Tessellation.voronoi(List.of(new Point(2, 5), new Point(8, 5)), SQUARE);
		Point[] fromFirst = edgeFacing(cells.get(0), 1);
		Point[] fromSecond = edgeFacing(cells.get(1), 0);
		assertThat(List.of(fromFirst)).containsExactlyInAnyOrder(fromSecond);
		assertThat(fromFirst[0].x()).isCloseTo(5, within(1e-9));
	}

	@Test
	void random_centres_cover_the_outline_exactly_and_each_lies_in_its_own_area() {
		Random random = new Random(7);
		List<Point> sites = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			sites.add(new Point(random.nextDouble() * 10, random.nextDouble() * 10));
		}
		List<Point> outline = Tessellation.widenedHull(sites, 0.8);
		List<Cell> cells = Tessellation.voronoi(sites, outline);
		double total = cells.stream().mapToDouble(c -> Tessellation.area(c.ring())).sum();
		assertThat(total).isCloseTo(Tessellation.area(outline), within(1e-6));
		for (Cell cell : cells) {
			assertThat(cell.isEmpty()).isFalse();
			assertThat(Tessellation.contains(cell.ring(), sites.get(cell.site()))).isTrue();
			assertThat(Tessellation.contains(cell.ring(), Tessellation.centroid(cell.ring()))).isTrue();
		}
	}

	@Test
	void one_centre_gets_the_whole_outline() {
		List<Cell> cells = Tessellation.voronoi(List.of(new Point(3, 3)), SQUARE);
		assertThat(cells.get(0).ring()).containsExactlyElementsOf(SQUARE);
		assertThat(cells.get(0).across()).containsOnly(-1);
	}

	@Test
	void two_centres_on_the_same_spot_still_share_the_outline_between_them() {
		List<Cell> cells = Tessellation.voronoi(List.of(new Point(5, 5), new Point(5, 5), new Point(1, 1)), SQUARE);
		double total = cells.stream().mapToDouble(c -> Tessellation.area(c.ring())).sum();
		assertThat(total).isCloseTo(100, within(1e-6));
		assertThat(cells.get(0).isEmpty()).isFalse();
		assertThat(cells.get(1).isEmpty()).isFalse();
	}

	@Test
	void the_widened_hull_keeps_every_centre_at_least_most_of_the_margin_inside() {
		List<Point> points = List.of(new Point(0, 0), new Point(4, 0), new Point(2, 3));
		List<Point> hull = Tessellation.widenedHull(points, 1);
		for (Point p : points) {
			for (int i = 0; i < 8; i++) {
				double a = Math.PI * i / 4;
				// a circle of 16 corners lies at least cos(π/16) of its radius from its centre
				assertThat(Tessellation.contains(hull, new Point(p.x() + 0.98 * Math.cos(a), p.y() + 0.98 * Math.sin(a)))).isTrue();
			}
		}
	}

	@Test
	void the_margin_is_six_tenths_of_the_median_nearest_neighbour_distance() {
		List<Point> sites = List.of(new Point(0, 0), new Point(1, 0), new Point(5, 0));
		// nearest neighbours: 1, 1, 4: the median is 1
		assertThat(Tessellation.margin(sites, sites)).isCloseTo(0.6, within(1e-9));
		assertThat(Tessellation.margin(List.of(new Point(0, 0)), List.of(new Point(0, 0), new Point(0, 2)))).isCloseTo(1, within(1e-9));
	}

	private static Point[] edgeFacing(Cell cell, int site) {
		for (int i = 0; i < cell.ring().size(); i++) {
			if (cell.across()[i] == site) {
				return new Point[] {cell.ring().get(i), cell.ring().get((i + 1) % cell.ring().size())};
			}
		}
		throw new AssertionError("no edge facing " + site);
	}

}

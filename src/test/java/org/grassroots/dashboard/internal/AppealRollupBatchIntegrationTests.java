package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealCounts;
import org.grassroots.appeals.AppealStep;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.appeals.AppealsSubmitted;
import org.grassroots.appeals.AppealsTransitioned;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appeals and steps counted set-wise (a 12345 import, the demo county's year) leave exactly the rows that the
 * same events counted one by one leave, including rows a batch finds already there and changes that cancel out.
 */
class AppealRollupBatchIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void a_batch_of_events_counts_what_the_same_events_count_one_by_one() {
		List<Object> single = history("/990100000000/990100100000/990100100200/99010010020001/");
		List<Object> batched = history("/990200000000/990200100000/990200100200/99020010020001/");
		transactions.executeWithoutResult(s -> single.forEach(events::publishEvent));
		// one appeal of the batched county counted on its own first, so that the batch finds some of its rows
		transactions.executeWithoutResult(s -> events.publishEvent(batched.get(0)));
		List<AppealSubmitted> submitted = new ArrayList<>();
		List<AppealTransitioned> steps = new ArrayList<>();
		for (Object event : batched.subList(1, batched.size())) {
			if (event instanceof AppealSubmitted s) {
				submitted.add(s);
			}
			else {
				steps.add((AppealTransitioned) event);
			}
		}
		transactions.executeWithoutResult(s -> {
			events.publishEvent(new AppealsSubmitted(submitted));
			events.publishEvent(new AppealsTransitioned(steps));
		});

		for (AppealRollups.Table table : AppealRollups.Table.values()) {
			List<String> one = rows(table, "9901");
			assertThat(one).as(table.name).hasSizeGreaterThan(3);
			assertThat(rows(table, "9902")).as(table.name).isEqualTo(one);
		}
		// the village's month: 6 received, 5 accepted (one rejected), 4 resolved then 1 undone by 不满意
		assertThat(jdbc.sql("""
				SELECT SUM(received) || '/' || SUM(accepted) || '/' || SUM(resolved) || '/' || SUM(resolved_village) || '/' || SUM(rated)
				  || '/' || SUM(satisfied) || '/' || SUM(rejected) FROM dashboard_appeal_node_monthly WHERE node_path = ?""")
			.param("/990200000000/990200100000/990200100200/").query(String.class).single()).isEqualTo("6/5/3/3/2/1/1");
	}

	/** Six appeals over two days and two categories with every kind of step, in the order they happened. */
	private static List<Object> history(String grid) {
		List<Object> events = new ArrayList<>();
		Instant day1 = Instant.parse("2025-03-03T02:00:00Z");
		Instant day2 = Instant.parse("2025-03-04T02:00:00Z");
		for (int i = 0; i < 6; i++) {
			long id = 9_000_000 + i;
			Instant at = i < 3 ? day1 : day2;
			Instant due = at.plusSeconds(86_400);
			String category = i % 2 == 0 ? "ROAD_LIGHTING" : "WATER_POWER";
			events.add(new AppealSubmitted(id, grid, grid.split("/")[3], category, AppealChannel.PHONE, AppealLevel.VILLAGE, at));
			AppealCounts submitted = AppealCounts.of(AppealStatus.SUBMITTED, null, due, null, null, due, null);
			if (i == 5) {
				events.add(step(id, grid, category, at, AppealStep.REJECT, submitted,
						AppealCounts.of(AppealStatus.REJECTED, null, due, null, null, due, null)));
				continue;
			}
			Instant done = at.plusSeconds(600);
			AppealCounts accepted = AppealCounts.of(AppealStatus.ACCEPTED, done, due, null, null, due, null);
			events.add(step(id, grid, category, at, AppealStep.ACCEPT, submitted, accepted));
			if (i < 4) {
				AppealCounts resolved = AppealCounts.of(AppealStatus.RESOLVED, done, due, done, AppealLevel.VILLAGE, due, null);
				events.add(step(id, grid, category, at, AppealStep.RESOLVE, accepted, resolved));
				if (i == 1) {
					events.add(step(id, grid, category, at, AppealStep.RATE, resolved,
							AppealCounts.of(AppealStatus.CLOSED, done, due, done, AppealLevel.VILLAGE, due, AppealRating.SATISFIED)));
				}
				if (i == 2) {
					// 不满意: rated, and the resolution undone, so that the row's resolved count goes back by one
					events.add(step(id, grid, category, at, AppealStep.RATE, resolved,
							AppealCounts.of(AppealStatus.IN_PROGRESS, done, due, null, null, due, AppealRating.UNSATISFIED)));
				}
			}
		}
		return events;
	}

	private static AppealTransitioned step(long id, String grid, String category, Instant submitted, AppealStep step,
			AppealCounts before, AppealCounts after) {
		return new AppealTransitioned(id, grid, null, category, AppealChannel.PHONE, submitted, step, AppealStatus.SUBMITTED,
				AppealStatus.ACCEPTED, AppealLevel.VILLAGE, submitted.plusSeconds(600), before, after);
	}

	/** The rows of a table under a test county, with its code taken out of the paths so that two counties compare. */
	private List<String> rows(AppealRollups.Table table, String county) {
		return jdbc.sql("SELECT " + table.dayColumn + ", " + table.pathColumn + ", category_code, channel, "
				+ String.join(", ", AppealFigures.COLUMNS) + " FROM " + table.name + " WHERE " + table.pathColumn + " LIKE ? ORDER BY "
				+ table.pathColumn + ", " + table.dayColumn + ", category_code")
			.param("/" + county + "%")
			.query((rs, i) -> {
				StringBuilder row = new StringBuilder();
				for (int c = 1; c <= 4 + AppealFigures.COLUMNS.size(); c++) {
					row.append(rs.getString(c)).append('|');
				}
				return row.toString().replace(county, "CODE");
			})
			.list();
	}

}

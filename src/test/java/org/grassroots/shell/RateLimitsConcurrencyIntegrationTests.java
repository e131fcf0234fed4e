package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.grassroots.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many requests opening the same window at the same moment (the first use of the hour, the day): each counts once,
 * exactly {@code limit} pass, none fails for having raced another, and the count kept equals the uses taken. Run
 * on H2 and on PostgreSQL, where the losers of the opening INSERT wait for the winner's commit.
 */
class RateLimitsConcurrencyIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private RateLimits limits;

	@Test
	void a_window_opened_by_many_at_once_counts_each_use_once_and_lets_exactly_the_limit_pass() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			for (int round = 0; round < 15; round++) {
				String key = "test.race:" + round + ":" + System.nanoTime();
				Duration window = round % 2 == 0 ? Duration.ofHours(1) : Duration.ofDays(1);
				int limit = 5 + round % 4;
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> answers = new ArrayList<>();
				for (int i = 0; i < 12; i++) {
					answers.add(pool.submit(() -> {
						start.await();
						// two windows taken one after the other, as the registry's hour and day allowances are
						return limits.take(key + ":h", limit, window) & limits.take(key + ":d", 20, Duration.ofDays(1));
					}));
				}
				start.countDown();
				int passed = 0;
				for (Future<Boolean> answer : answers) {
					passed += answer.get() ? 1 : 0;
				}
				assertThat(passed).as("round %d, limit %d", round, limit).isEqualTo(limit);
				assertThat(limits.used(key + ":h", window)).isEqualTo(limit);
				assertThat(limits.used(key + ":d", Duration.ofDays(1))).isEqualTo(12);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}

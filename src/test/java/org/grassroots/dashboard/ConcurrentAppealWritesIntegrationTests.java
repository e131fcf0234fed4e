package org.grassroots.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.internal.Appeal;
import org.grassroots.appeals.internal.AppealHandling;
import org.grassroots.appeals.internal.IntakeForm;
import org.grassroots.appeals.internal.StepForm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * New appeals and steps on appeals of the same day, category and channel share their county's rollup rows and
 * the audit chain's head; written side by side they must neither deadlock nor lose a count.
 */
class ConcurrentAppealWritesIntegrationTests extends IntegrationTestSupport {

	private static final String GRID = "62079910020101";

	@Autowired
	AppealHandling handling;

	@Autowired
	UserDetailsService accounts;

	@Test
	void intake_and_steps_in_the_same_cohort_run_side_by_side() throws Exception {
		CurrentUser staff = ((CurrentUsers.HasCurrentUser) accounts.loadUserByUsername("county.staff")).currentUser();
		List<Appeal> open = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			open.add(handling.submit(staff, form("并发测试：待受理第" + i + "件")));
		}
		long acceptedBefore = sum("accepted");
		long receivedBefore = sum("received");
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			int thread = t;
			work.add(pool.submit(() -> {
				for (int i = 0; i < 40; i++) {
					try {
						handling.submit(staff, form("并发测试：新诉求" + thread + "-" + i));
					}
					catch (Throwable e) {
						failures.add(e);
					}
				}
			}));
			work.add(pool.submit(() -> {
				for (int i = thread; i < open.size(); i += 2) {
					Appeal a = open.get(i);
					try {
						handling.accept(staff, a.getId(), new StepForm(a.getVersion(), null, null));
					}
					catch (Throwable e) {
						failures.add(e);
					}
				}
			}));
		}
		for (Future<?> f : work) {
			f.get(2, TimeUnit.MINUTES);
		}
		pool.shutdown();
		assertThat(failures).isEmpty();
		assertThat(sum("received") - receivedBefore).isEqualTo(80);
		assertThat(sum("accepted") - acceptedBefore).isEqualTo(40);
	}

	private static IntakeForm form(String description) {
		return new IntakeForm(AppealChannel.PHONE, "ROAD_LIGHTING", description, GRID, null, null, null);
	}

	/** The county's own daily rows, as the 三率 read them. */
	private long sum(String column) {
		return count("SELECT COALESCE(SUM(" + column + "),0) FROM dashboard_appeal_node_daily WHERE node_path = '/620799000000/'");
	}

}

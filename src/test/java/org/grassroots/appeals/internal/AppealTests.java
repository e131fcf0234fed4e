package org.grassroots.appeals.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealCounts;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealReferredToMediation;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.grassroots.appeals.AppealSubmitted;
import org.grassroots.appeals.AppealTransitioned;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionType;
import org.junit.jupiter.api.Test;

/** The appeal's own rules, read as the domain says them; no database, no Spring. */
class AppealTests {

	/** A calendar on which every minute is working time, so that deadlines are plain arithmetic here. */
	static final WorkingCalendar ALWAYS = new WorkingCalendar() {

		@Override
		public boolean isWorkingDay(LocalDate day) {
			return true;
		}

		@Override
		public boolean covers(int year) {
			return true;
		}

		@Override
		public LocalDate addWorkingDays(LocalDate from, int days) {
			return from.plusDays(days);
		}

		@Override
		public Instant addWorkingMinutes(Instant from, long minutes) {
			return from.plus(Duration.ofMinutes(minutes));
		}

		@Override
		public long workingMinutesBetween(Instant from, Instant to) {
			return Duration.between(from, to).toMinutes();
		}

		@Override
		public List<WorkingWindow> workingWindows() {
			return List.of(new WorkingWindow(LocalTime.MIN, LocalTime.of(23, 59)));
		}

	};

	static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
	static final AppealDeadlines DEADLINES = new AppealDeadlines(ALWAYS, 4);
	static final AppealCategories.Category ROADS = new AppealCategories.Category("ROAD_LIGHTING", "道路与路灯", "Roads", AppealLevel.VILLAGE,
			null, 4, 5);
	static final RegionNode GRID1 = new RegionNode(11, "62079910020101", "第一网格", RegionType.GRID,
			"/620799000000/620799100000/620799100201/62079910020101/", 3, 10L, null, null);
	static final RegionNode GRID2 = new RegionNode(12, "62079910020102", "第二网格", RegionType.GRID,
			"/620799000000/620799100000/620799100201/62079910020102/", 3, 10L, null, null);

	static Appeal submitted() {
		Appeal a = Appeal.submit(AppealIntake.of(AppealChannel.PHONE, "村口路灯不亮，晚上出行不便", "cadre"), ROADS, GRID1, DEADLINES,
				Clock.fixed(T0, ZoneOffset.UTC));
		a.id = 7L;
		a.version = 0;
		a.saved();
		return a;
	}

	static Instant at(int hours) {
		return T0.plus(Duration.ofHours(hours));
	}

	static AppealTransitioned lastEvent(Appeal a) {
		List<Object> events = a.events();
		return (AppealTransitioned) events.get(events.size() - 1);
	}

	@Test
	void a_new_appeal_is_due_by_its_category_and_warned_at_four_fifths_of_its_time() {
		Appeal a = Appeal.submit(AppealIntake.of(AppealChannel.PHONE, "  村口路灯不亮  ", "cadre"), ROADS, GRID1, DEADLINES,
				Clock.fixed(T0, ZoneOffset.UTC));
		assertThat(a.status).isEqualTo(AppealStatus.SUBMITTED);
		assertThat(a.level).isEqualTo(AppealLevel.VILLAGE);
		assertThat(a.description).isEqualTo("村口路灯不亮");
		assertThat(a.villageCode).isEqualTo("620799100201");
		assertThat(a.responseDue).isEqualTo(T0.plus(Duration.ofHours(4)));
		Instant due = LocalDate.of(2026, 3, 7).atTime(23, 59).atZone(WorkingCalendar.ZONE).toInstant();
		assertThat(a.resolutionDue).isEqualTo(due);
		assertThat(Duration.between(T0, a.warningAt).toMinutes()).isEqualTo(Duration.between(T0, due).toMinutes() * 4 / 5);
		assertThat(a.taken()).extracting(t -> t.entry().action()).containsExactly(AppealStep.SUBMIT);
		a.id = 1L;
		assertThat(a.events()).singleElement().isInstanceOf(AppealSubmitted.class);
	}

	@Test
	void a_hand_off_keeps_its_own_receipt_time_and_deadline() {
		Instant called = T0.minus(Duration.ofDays(2));
		Instant hotlineDue = T0.plus(Duration.ofDays(1));
		Appeal a = Appeal.submit(AppealIntake.of(AppealChannel.HOTLINE_12345, "拖欠工资三个月", "staff").handOff("12345:A1", called, hotlineDue),
				ROADS, GRID1, DEADLINES, Clock.fixed(T0, ZoneOffset.UTC));
		assertThat(a.submittedAt).isEqualTo(called);
		assertThat(a.resolutionDue).isEqualTo(hotlineDue);
		assertThat(a.externalRef).isEqualTo("12345:A1");
	}

	@Test
	void a_resolved_appeal_rated_unsatisfied_reopens_and_counts_a_reopen() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.rate("resident", at(3), AppealRating.UNSATISFIED);
		assertThat(a.status).isEqualTo(AppealStatus.IN_PROGRESS);
		assertThat(a.reopenCount).isEqualTo(1);
		assertThat(a.resolvedAt).isNull();
		AppealTransitioned rated = lastEvent(a);
		// the resolution is taken back, and the rating counts, unsatisfied
		assertThat(rated.change()).isEqualTo(new AppealCounts(0, 0, 0, -1, -1, -1, 0, 0, 1, 0, 0, 0));
	}

	@Test
	void an_unsatisfied_resident_says_why_and_the_timeline_says_it_went_back() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.rate("public", at(3), AppealRating.UNSATISFIED, "灯还是不亮");
		assertThat(a.taken()).extracting(t -> t.entry().action()).containsExactly(AppealStep.ACCEPT, AppealStep.RESOLVE,
				AppealStep.RATE, AppealStep.REOPEN);
		assertThat(a.taken().get(3).entry().note()).isEqualTo("灯还是不亮");
		// the figures move once, with the rating
		assertThat(a.events().stream().filter(AppealTransitioned.class::isInstance).count()).isEqualTo(3);
	}

	@Test
	void a_satisfied_rating_closes_it_and_counts_as_satisfied() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.rate("resident", at(3), AppealRating.BASICALLY_SATISFIED);
		assertThat(a.status).isEqualTo(AppealStatus.CLOSED);
		assertThat(a.closedAt).isEqualTo(at(3));
		assertThat(a.counts()).isEqualTo(new AppealCounts(1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0));
	}

	@Test
	void a_new_rating_replaces_the_old_one_in_the_figures() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.rate("resident", at(3), AppealRating.UNSATISFIED);
		a.resolve("cadre", at(5), "重新修好");
		a.rate("resident", at(6), AppealRating.SATISFIED);
		assertThat(lastEvent(a).change()).isEqualTo(new AppealCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0));
		assertThat(a.counts().rated()).isEqualTo(1);
	}

	@Test
	void an_appeal_resolved_after_a_department_reported_in_counts_as_resolved_by_the_county() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.whistle("township", at(2), List.of("县民政局", "县住建局"), "需核定", DEADLINES);
		assertThat(a.status).isEqualTo(AppealStatus.IN_PROGRESS);
		assertThat(a.whistles).extracting(w -> w.reportDue).containsOnly(at(6));
		a.reportIn("mzj", at(3), "县民政局", "已入户核查");
		a.resolve("township", at(4), "已纳入低保");
		assertThat(a.resolvedLevel).isEqualTo(AppealLevel.COUNTY);
		assertThat(lastEvent(a).change().resolvedCounty()).isEqualTo(1);
	}

	@Test
	void whistled_departments_that_have_not_reported_in_leave_the_resolution_to_the_level_holding_it() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.whistle("township", at(2), List.of("县民政局"), null, DEADLINES);
		a.resolve("cadre", at(4), "村里解决了");
		assertThat(a.resolvedLevel).isEqualTo(AppealLevel.VILLAGE);
	}

	@Test
	void a_department_reports_in_once() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.whistle("township", at(2), List.of("县民政局"), null, DEADLINES);
		a.reportIn("mzj", at(3), "县民政局", "已核查");
		assertThatThrownBy(() -> a.reportIn("mzj", at(4), "县民政局", "再报")).isInstanceOf(TransitionNotAllowed.class);
		assertThatThrownBy(() -> a.reportIn("zjj", at(4), "县住建局", "没被叫")).isInstanceOf(TransitionNotAllowed.class);
	}

	@Test
	void an_appeal_is_referred_to_mediation_only_once_and_goes_on_as_it_was() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.referToMediation("cadre", at(2), "邻里纠纷", "62079910020101");
		assertThat(a.status).isEqualTo(AppealStatus.ACCEPTED);
		assertThat(a.events()).anySatisfy(e -> assertThat(e).isInstanceOf(AppealReferredToMediation.class));
		assertThat(a.allows(AppealStep.MEDIATION)).isFalse();
		assertThatThrownBy(() -> a.referToMediation("cadre", at(3), null, "62079910020101")).isInstanceOf(TransitionNotAllowed.class);
	}

	@Test
	void an_extension_is_granted_once_and_the_warning_starts_afresh() {
		Appeal a = submitted();
		Instant due = a.resolutionDue;
		a.warningLevel = "RED";
		a.extend("township", at(1), "需采购", 3, DEADLINES);
		assertThat(a.resolutionDue).isEqualTo(due.plus(Duration.ofDays(3)));
		assertThat(a.warningLevel).isEqualTo("NONE");
		assertThat(Duration.between(T0, a.warningAt).toMinutes()).isEqualTo(Duration.between(T0, a.resolutionDue).toMinutes() * 4 / 5);
		assertThatThrownBy(() -> a.extend("township", at(2), "再延", 3, DEADLINES)).isInstanceOf(TransitionNotAllowed.class);
	}

	@Test
	void only_a_village_appeal_is_escalated_and_the_township_signs_for_it_keeping_the_first_acceptance() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.escalate("cadre", at(2), "跨村");
		assertThat(a.level).isEqualTo(AppealLevel.TOWNSHIP);
		assertThat(a.status).isEqualTo(AppealStatus.SUBMITTED);
		assertThatThrownBy(() -> a.escalate("cadre", at(3), "再上报")).isInstanceOf(TransitionNotAllowed.class);
		a.accept("township", at(5));
		assertThat(a.acceptedAt).isEqualTo(at(1));
		// accepting again counts nothing more
		assertThat(lastEvent(a).change().isNone()).isTrue();
	}

	@Test
	void a_step_its_state_does_not_allow_is_refused_and_changes_nothing() {
		Appeal a = submitted();
		assertThatThrownBy(() -> a.resolve("cadre", at(1), "直接办结")).isInstanceOf(TransitionNotAllowed.class)
			.satisfies(e -> assertThat(((TransitionNotAllowed) e).appealStep()).isEqualTo(AppealStep.RESOLVE));
		assertThat(a.status).isEqualTo(AppealStatus.SUBMITTED);
		assertThat(a.taken()).isEmpty();
	}

	@Test
	void a_reopen_keeps_its_reason_in_the_timeline() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.close("cadre", at(3), null);
		a.reopen("township", at(4), "群众反映灯又坏了");
		assertThat(a.taken()).last().satisfies(t -> {
			assertThat(t.entry().action()).isEqualTo(AppealStep.REOPEN);
			assertThat(t.entry().note()).isEqualTo("群众反映灯又坏了");
		});
		assertThat(a.reopenCount).isEqualTo(1);
	}

	@Test
	void a_late_resolution_counts_as_resolved_but_not_on_time() {
		Appeal a = submitted();
		a.accept("cadre", at(5));
		a.resolve("cadre", a.resolutionDue.plus(Duration.ofMinutes(1)), "晚了");
		assertThat(a.counts()).isEqualTo(new AppealCounts(1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0));
	}

	@Test
	void a_transfer_to_another_grid_moves_what_the_appeal_counts() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.transfer("cadre", at(2), "在第二网格", "第二网格", GRID2, AppealLevel.VILLAGE);
		AppealTransitioned moved = lastEvent(a);
		assertThat(moved.moved()).isTrue();
		assertThat(moved.previousRegionPath()).isEqualTo(GRID1.path());
		assertThat(moved.regionPath()).isEqualTo(GRID2.path());
		assertThat(moved.after().accepted()).isEqualTo(1);
		assertThat(a.status).isEqualTo(AppealStatus.SUBMITTED);
		assertThat(a.handlingUnit).isEqualTo("第二网格");
	}

	static final RegionNode COUNTY = new RegionNode(1, "620799000000", "青山县", RegionType.COUNTY, "/620799000000/", 0, null, null, null);

	@Test
	void an_appeal_with_only_an_address_waits_at_the_county_triage_and_is_held_at_its_categorys_level_once_placed() {
		Appeal a = Appeal.submit(AppealIntake.of(AppealChannel.OPEN311, "县城东街路灯不亮", "open311").place("东街12号", null, null),
				ROADS, COUNTY, DEADLINES, Clock.fixed(T0, ZoneOffset.UTC));
		a.id = 9L;
		a.saved();
		assertThat(a.level).isEqualTo(AppealLevel.COUNTY);
		assertThat(a.inTriage()).isTrue();
		a.transfer("dispatcher", at(1), "属高庙村第一网格", null, GRID1, AppealLevel.VILLAGE);
		assertThat(a.inTriage()).isFalse();
		assertThat(a.level).isEqualTo(AppealLevel.VILLAGE);
		assertThat(a.villageCode).isEqualTo("620799100201");
		// an appeal the county holds by its category stays the county's when it moves between places
		Appeal held = submitted();
		held.level = AppealLevel.COUNTY;
		held.transfer("dispatcher", at(1), "换个网格", null, GRID2, AppealLevel.VILLAGE);
		assertThat(held.level).isEqualTo(AppealLevel.COUNTY);
	}

	@Test
	void a_merged_appeal_counts_as_merged_and_the_one_kept_says_so() {
		Appeal a = submitted();
		Appeal kept = submitted();
		kept.id = 8L;
		a.mergeInto("cadre", at(1), kept);
		assertThat(a.status).isEqualTo(AppealStatus.MERGED);
		assertThat(a.counts().merged()).isEqualTo(1);
		assertThat(kept.taken()).singleElement().satisfies(t -> {
			assertThat(t.entry().action()).isEqualTo(AppealStep.MERGED_IN);
			assertThat(t.changedTheAppeal()).isFalse();
		});
		assertThatThrownBy(() -> kept.mergeInto("cadre", at(2), a)).isInstanceOf(TransitionNotAllowed.class);
	}

	@Test
	void an_appeal_is_merged_only_into_one_still_being_handled() {
		Appeal closed = submitted();
		closed.id = 8L;
		closed.accept("cadre", at(1));
		closed.resolve("cadre", at(2), "已修好");
		closed.close("cadre", at(3), null);
		Appeal duplicate = submitted();
		assertThatThrownBy(() -> duplicate.mergeInto("cadre", at(4), closed)).isInstanceOf(TransitionNotAllowed.class);
		assertThat(duplicate.status).isEqualTo(AppealStatus.SUBMITTED);
	}

	@Test
	void a_staff_reopen_withdraws_a_satisfied_rating_but_keeps_an_unsatisfied_one() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.resolve("cadre", at(2), "已修好");
		a.rate("resident", at(3), AppealRating.SATISFIED);
		a.reopen("township", at(4), "群众又来反映");
		assertThat(a.rating).isNull();
		assertThat(a.counts().satisfied()).isZero();
		Appeal b = submitted();
		b.accept("cadre", at(1));
		b.resolve("cadre", at(2), "已修好");
		b.rate("resident", at(3), AppealRating.UNSATISFIED);
		b.resolve("cadre", at(5), "再次处理");
		b.reopen("township", at(6), "仍未解决");
		assertThat(b.rating).isEqualTo(AppealRating.UNSATISFIED);
		assertThat(b.counts().rated()).isEqualTo(1);
	}

	@Test
	void a_rejection_counts_as_rejected_and_closes_it() {
		Appeal a = submitted();
		a.reject("cadre", at(1), "不属于受理范围");
		assertThat(a.counts()).isEqualTo(new AppealCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0));
		assertThat(a.rejectionReason).isEqualTo("不属于受理范围");
		assertThat(a.allows(AppealStep.ACCEPT)).isFalse();
	}

	// ---- who may take which step --------------------------------------------------------------------------------

	static CurrentUser user(String regionPath, String department, Permission... permissions) {
		return new CurrentUser(1, "u", "u", Role.VILLAGE_CADRE, "x", regionPath, department, Set.of(permissions));
	}

	static final String VILLAGE = "/620799000000/620799100000/620799100201/";
	static final String TOWNSHIP = "/620799000000/620799100000/";
	static final String OTHER_VILLAGE = "/620799000000/620799100000/620799100202/";

	@Test
	void a_village_cadre_is_offered_the_village_steps_but_not_extension_or_whistle() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		Set<AppealStep> steps = new AllowedSteps().of(user(VILLAGE, null, Permission.APPEAL_READ, Permission.APPEAL_HANDLE), a);
		assertThat(steps).contains(AppealStep.RESOLVE, AppealStep.ESCALATE, AppealStep.TRANSFER, AppealStep.MEDIATION)
			.doesNotContain(AppealStep.ACCEPT, AppealStep.EXTEND, AppealStep.WHISTLE, AppealStep.REPORT_IN, AppealStep.RATE);
		assertThat(new AllowedSteps().of(user(TOWNSHIP, null, Permission.APPEAL_READ, Permission.APPEAL_HANDLE), a))
			.contains(AppealStep.EXTEND, AppealStep.WHISTLE);
	}

	@Test
	void nobody_outside_the_appeal_or_without_the_right_is_offered_a_step() {
		Appeal a = submitted();
		assertThat(new AllowedSteps().of(user(OTHER_VILLAGE, null, Permission.APPEAL_READ, Permission.APPEAL_HANDLE), a)).isEmpty();
		assertThat(new AllowedSteps().of(user(VILLAGE, null, Permission.APPEAL_READ), a)).isEmpty();
		assertThatThrownBy(() -> new AllowedSteps().require(user(OTHER_VILLAGE, null, Permission.APPEAL_HANDLE), a, AppealStep.ACCEPT))
			.isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
	}

	@Test
	void a_township_appeal_is_not_the_village_cadres_to_handle() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.escalate("cadre", at(2), "跨村");
		assertThat(new AllowedSteps().of(user(VILLAGE, null, Permission.APPEAL_READ, Permission.APPEAL_HANDLE), a)).isEmpty();
		assertThat(new AllowedSteps().of(user(TOWNSHIP, null, Permission.APPEAL_READ, Permission.APPEAL_HANDLE), a))
			.contains(AppealStep.ACCEPT);
	}

	@Test
	void only_the_whistled_department_is_offered_the_report_in() {
		Appeal a = submitted();
		a.accept("cadre", at(1));
		a.whistle("township", at(2), List.of("县民政局"), null, DEADLINES);
		assertThat(new AllowedSteps().of(user("/620799000000/", "县民政局", Permission.APPEAL_READ), a)).containsExactly(AppealStep.REPORT_IN);
		assertThat(new AllowedSteps().of(user("/620799000000/", "县住建局", Permission.APPEAL_READ), a)).isEmpty();
	}

}

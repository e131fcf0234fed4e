package org.grassroots.dashboard.web;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.grassroots.access.CurrentUsers;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.dashboard.internal.AppealFigures;
import org.grassroots.shell.InputRejected;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboard", description = "Figures per scope and period, from rollups")
class AppealStatsApi {

	private final CurrentUsers users;
	private final AppealFigures figures;

	private final java.time.Clock clock;

	AppealStatsApi(CurrentUsers users, AppealFigures figures, java.time.Clock clock) {
		this.users = users;
		this.figures = figures;
		this.clock = clock;
	}

	@GetMapping("/api/v1/appeals/stats")
	@Operation(summary = "三率 for appeals received in [from, to] under a region (default: my node and this year): "
			+ "responseRate = responded on time ÷ received, resolutionRate = resolved ÷ received, "
			+ "satisfactionRate = (满意 + 基本满意) ÷ rated; byLevel counts who resolved them; byChannelAndLevel gives each "
			+ "channel's received, resolved, resolved by village / township / county and its resolutionRate (办结率). "
			+ "channel (an AppealChannel, e.g. HOTLINE_12345) and category (a category code) narrow every figure; "
			+ "an unknown one answers 400 naming the field")
	AppealFigures.Stats stats(@RequestParam(required = false) String region,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category) {
		LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
		LocalDate start = from != null ? from : today.withDayOfYear(1);
		LocalDate end = to != null ? to : today;
		if (end.isBefore(start)) {
			throw new InputRejected("to", "dashboard.period.invalid");
		}
		return figures.of(users.current(), region, start, end, figures.filter(channel, category));
	}

}

package org.grassroots.dashboard.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.dashboard.internal.AppealFigures;
import org.grassroots.dashboard.internal.AppealFigures.Stats;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The appeals picture for a scope and a period, with the previous period and last year beside it. */
@Controller
class DashboardPages {

	private final CurrentUsers users;
	private final AppealFigures figures;
	private final RegionTree regions;
	private final MessageSource messages;
	private final org.grassroots.appeals.OverdueAppeals overdue;
	private final org.grassroots.appeals.AppealCategoryNames appealCategories;
	private final JsonMapper json = JsonMapper.builder().build();
	@org.springframework.beans.factory.annotation.Value("${grassroots.map.tile-url:}")
	private String tileUrl;

	private final org.grassroots.fieldwork.FieldworkFigures fieldwork;
	private final org.grassroots.disputes.DisputeSummaries disputes;
	private final org.grassroots.petitions.PetitionSummaries petitions;

	DashboardPages(CurrentUsers users, AppealFigures figures, RegionTree regions, MessageSource messages,
			org.grassroots.appeals.OverdueAppeals overdue, org.grassroots.appeals.AppealCategoryNames appealCategories,
			org.grassroots.fieldwork.FieldworkFigures fieldwork, org.grassroots.disputes.DisputeSummaries disputes,
			org.grassroots.petitions.PetitionSummaries petitions) {
		this.fieldwork = fieldwork;
		this.disputes = disputes;
		this.petitions = petitions;
		this.appealCategories = appealCategories;
		this.overdue = overdue;
		this.users = users;
		this.figures = figures;
		this.regions = regions;
		this.messages = messages;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(required = false) String region,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category, Model model,
			HttpServletResponse response) {
		CurrentUser me = users.current();
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate end = to != null ? to : today;
		LocalDate start = from != null && !from.isAfter(end) ? from : end.withDayOfYear(1);
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> filterErrors = new LinkedHashMap<>();
		AppealFigures.Filter filter = checked(channel, category, filterErrors, locale);
		if (!filterErrors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		// the filter narrows every figure of the page: the comparisons, the villages beneath and the map too
		Stats now = figures.of(me, region, start, end, filter);
		long days = ChronoUnit.DAYS.between(start, end) + 1;
		Stats previous = figures.of(me, now.region(), start.minusDays(days), start.minusDays(1), filter);
		Stats lastYear = figures.of(me, now.region(), start.minusYears(1), end.minusYears(1), filter);
		Map<String, String> categoryNames = appealCategories.names(locale);
		model.addAttribute("stats", now);
		model.addAttribute("previous", previous);
		model.addAttribute("lastYear", lastYear);
		model.addAttribute("children", figures.byChild(me, now.region(), start, end, filter));
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("filter", filter);
		model.addAttribute("filterErrors", filterErrors);
		model.addAttribute("channels", AppealChannel.values());
		model.addAttribute("categoryNames", categoryNames);
		model.addAttribute("breadcrumb", regions.lineageWithin(me, regions.byCode(now.region()).orElseThrow().path()));
		model.addAttribute("chartData", json.writeValueAsString(chartData(now, categoryNames, locale)));
		model.addAttribute("tileUrl", tileUrl);
		// field work is judged month by month: the cards show the last month of the period
		model.addAttribute("fieldwork", fieldwork.of(me, now.region(), end.withDayOfMonth(1), end).orElse(null));
		model.addAttribute("fieldworkFrom", end.withDayOfMonth(1));
		model.addAttribute("disputes", disputes.of(me, now.region(), start, end).orElse(null));
		model.addAttribute("petitions", petitions.of(me, now.region(), start, end).orElse(null));
		model.addAttribute("worstOverdue", overdue.worst(regions.byCode(now.region()).orElseThrow().path(), 10));
		return "dashboard/appeals";
	}

	@GetMapping("/dashboard/map.json")
	@org.springframework.web.bind.annotation.ResponseBody
	Map<String, Object> map(@RequestParam(required = false) String region,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category) {
		LocalDate end = to != null ? to : LocalDate.now(WorkingCalendar.ZONE);
		LocalDate start = from != null && !from.isAfter(end) ? from : end.withDayOfYear(1);
		return figures.map(users.current(), region, start, end, figures.filter(channel, category), json);
	}

	/**
	 * The filter of the page's form, checked. A value the form never offers (an edited address) is named beside
	 * its field and left out, so that the figures shown are those the form's fields say.
	 */
	private AppealFigures.Filter checked(String channel, String category, Map<String, String> errors, Locale locale) {
		try {
			return figures.filter(channel, category);
		}
		catch (InputRejected rejected) {
			rejected.problems().forEach(p -> errors.put(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			return figures.filter(errors.containsKey("channel") ? null : channel, errors.containsKey("category") ? null : category);
		}
	}

	private Map<String, Object> chartData(Stats stats, Map<String, String> categoryNames, Locale locale) {
		Map<String, Object> data = new LinkedHashMap<>();
		Map<String, Long> channels = new LinkedHashMap<>();
		stats.byChannel().forEach((k, v) -> channels.put(messages.getMessage("appeal.channel." + k, null, k, locale), v));
		Map<String, Long> levels = new LinkedHashMap<>();
		stats.byLevel().forEach((k, v) -> levels.put(messages.getMessage("appeal.level." + k.toUpperCase(), null, k, locale), v));
		data.put("channels", channels);
		Map<String, Long> categories = new LinkedHashMap<>();
		stats.byCategory().forEach((k, v) -> categories.put(categoryNames.getOrDefault(k, k), v));
		data.put("categories", categories);
		data.put("levels", levels);
		return data;
	}

}

package org.grassroots.calendar.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.calendar.CalendarDay;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.calendar.internal.CalendarAdministration;
import org.grassroots.calendar.internal.CalendarAdministration.YearForm;
import org.grassroots.shell.FormErrors;
import org.grassroots.shell.InputRejected;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The calendar page (everyone reads it, admins enter years) and its API. */
@Controller
@Tag(name = "Calendar", description = "Working days on the official holiday calendar (调休 included)")
class CalendarPages {

	private final CurrentUsers users;
	private final CalendarAdministration administration;
	private final WorkingCalendar calendar;

	CalendarPages(CurrentUsers users, CalendarAdministration administration, WorkingCalendar calendar) {
		this.users = users;
		this.administration = administration;
		this.calendar = calendar;
	}

	@GetMapping("/calendar")
	String page(@RequestParam(required = false) Integer year, Model model) {
		List<CalendarAdministration.YearSummary> years = administration.years();
		int shown = year != null ? year : years.isEmpty() ? LocalDate.now(WorkingCalendar.ZONE).getYear() : years.get(0).year();
		model.addAttribute("years", years);
		model.addAttribute("year", shown);
		model.addAttribute("runs", administration.runs(shown));
		model.addAttribute("nextYear", years.isEmpty() ? shown : years.get(0).year() + 1);
		model.addAttribute("windows", calendar.workingWindows());
		if (users.current().can(Permission.CALENDAR_CONFIGURE) && !model.containsAttribute("form")) {
			model.addAttribute("form", administration.source(shown).isPresent() ? administration.formOf(shown)
					: new YearForm(shown, "国务院办公厅关于" + shown + "年部分节假日安排的通知", "", ""));
		}
		return "calendar/calendar";
	}

	@PostMapping("/calendar")
	String save(@ModelAttribute("form") YearForm form, BindingResult result, Model model, HttpServletResponse response) {
		try {
			administration.save(users.current(), form);
			return "redirect:/calendar?year=" + form.year();
		}
		catch (InputRejected rejected) {
			FormErrors.apply(rejected, result);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(form.year() != null && form.year() > 1999 && form.year() < 2101 ? form.year() : null, model);
		}
	}

	record YearView(int year, String source, List<CalendarDay> days) {
	}

	@GetMapping("/api/v1/calendar/{year}")
	@ResponseBody
	@Operation(summary = "The holidays and make-up working days entered for a year")
	YearView year(@PathVariable int year) {
		String source = administration.source(year).orElseThrow(OutOfScopeException::new);
		return new YearView(year, source, administration.days(year));
	}

	@GetMapping("/api/v1/calendar/due")
	@ResponseBody
	@Operation(summary = "The day N working days after a date (the date itself not counted)")
	Map<String, Object> due(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam int workingDays) {
		if (workingDays < 0 || workingDays > 365) {
			throw new InputRejected("workingDays", "calendar.workingDays.range");
		}
		return Map.of("from", from, "workingDays", workingDays, "due", calendar.addWorkingDays(from, workingDays),
				"calendarCovers", calendar.covers(from.getYear()));
	}

}

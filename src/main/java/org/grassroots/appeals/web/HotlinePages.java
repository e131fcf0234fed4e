package org.grassroots.appeals.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.appeals.internal.HotlineOrders;
import org.grassroots.appeals.internal.HotlineOrders.Mapping;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.shell.Jobs;
import org.grassroots.shell.Ledger;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** 12345 hand-off: import of work orders with a column mapping, and export of the results. */
@Controller
@Tag(name = "12345 hotline", description = "Work orders in from the 12345 hotline, results back out")
class HotlinePages {

	private final CurrentUsers users;
	private final HotlineOrders orders;
	private final Jobs jobs;

	HotlinePages(CurrentUsers users, HotlineOrders orders, Jobs jobs) {
		this.users = users;
		this.orders = orders;
		this.jobs = jobs;
	}

	@GetMapping("/appeals/hotline")
	String page(Model model) {
		users.current().require(Permission.APPEAL_INTAKE);
		model.addAttribute("mapping", Mapping.defaults());
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		model.addAttribute("from", today.withDayOfMonth(1));
		model.addAttribute("to", today);
		return "appeals/hotline";
	}

	@PostMapping("/appeals/hotline")
	String upload(@RequestParam("file") MultipartFile file, Mapping mapping, Model model, HttpServletResponse response)
			throws IOException {
		HotlineOrders.Outcome outcome = orders.importOrders(users.current(), file.getBytes(), mapping);
		if (outcome.imported()) {
			// the orders go in as a job: its page shows how far it got
			return "redirect:/appeals/hotline/jobs/" + outcome.job();
		}
		model.addAttribute("outcome", outcome);
		model.addAttribute("mapping", mapping.ticketNo() == null ? Mapping.defaults() : mapping);
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		model.addAttribute("from", today.withDayOfMonth(1));
		model.addAttribute("to", today);
		if (outcome.errorWorkbook() != null) {
			model.addAttribute("annotated",
					"data:" + Ledger.CONTENT_TYPE + ";base64," + Base64.getEncoder().encodeToString(outcome.errorWorkbook()));
		}
		if (!outcome.imported()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
		return "appeals/hotline";
	}

	/** The import's page while it runs and after: a progress bar that asks again every second until the job ends. */
	@GetMapping("/appeals/hotline/jobs/{id}")
	String job(@org.springframework.web.bind.annotation.PathVariable long id, Model model,
			@RequestParam(name = "fragment", defaultValue = "false") boolean fragment) {
		CurrentUser user = users.current();
		user.require(Permission.APPEAL_INTAKE);
		Jobs.View job = jobs.find(id, user.accountId(), user.regionPath())
			.filter(j -> j.kind().equals(HotlineOrders.JOB_KIND))
			.orElseThrow(org.grassroots.access.OutOfScopeException::new);
		model.addAttribute("job", job);
		if (fragment) {
			return "appeals/hotline :: job";
		}
		model.addAttribute("mapping", Mapping.defaults());
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		model.addAttribute("from", today.withDayOfMonth(1));
		model.addAttribute("to", today);
		return "appeals/hotline";
	}

	@GetMapping({ "/appeals/hotline/export", "/api/v1/appeals/export-12345" })
	@ResponseBody
	@Operation(summary = "The results of imported 12345 orders in my scope, in the hotline's layout (办理结果, 办结时间, 回访满意度)")
	void export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, jakarta.servlet.http.HttpServletResponse response) {
		orders.export(users.current(), from, to, response);
	}

	@PostMapping(path = "/api/v1/appeals/import-12345", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseBody
	@Operation(summary = "Import 12345 work orders (.xlsx or .csv); mapping parameters name the columns when they differ "
			+ "from 工单编号/来电时间/诉求人/联系电话/诉求内容/诉求类型/地址/所属区域/办理时限. The file is checked whole (422 with the rows' "
			+ "errors), then taken in as a job committing 500 orders at a time: 200 with the counts when done within 10 s, "
			+ "else 202 with the job (Location /api/v1/jobs/{id}) to follow")
	ResponseEntity<?> importApi(@RequestParam("file") MultipartFile file, Mapping mapping) throws IOException {
		CurrentUser user = users.current();
		HotlineOrders.Outcome outcome = orders.importOrders(user, file.getBytes(), mapping);
		if (outcome.imported()) {
			// a small file is in by the time we answer (200); a large one answers 202 and its job says how far it got
			return jobs.answer(outcome.job(), user.accountId(), user.regionPath(), Map.of("rows", outcome.rows()));
		}
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
			.body(outcome.fileError() != null ? Map.of("error", outcome.fileError()) : Map.of("errors", outcome.errors()));
	}

}

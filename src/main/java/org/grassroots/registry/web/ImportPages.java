package org.grassroots.registry.web;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.Permission;
import org.grassroots.shell.Jobs;
import org.grassroots.shell.Ledger;
import org.grassroots.registry.internal.RegistryImport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** Excel import of households and residents: template, upload, and the file back with errors. */
@Controller
@Tag(name = "Registry import")
class ImportPages {

	private final CurrentUsers users;
	private final RegistryImport importer;
	private final org.springframework.context.MessageSource messages;
	private final Jobs jobs;

	ImportPages(CurrentUsers users, RegistryImport importer, org.springframework.context.MessageSource messages, Jobs jobs) {
		this.messages = messages;
		this.jobs = jobs;
		this.users = users;
		this.importer = importer;
	}

	@GetMapping("/registry/import")
	String page() {
		users.current().require(Permission.REGISTRY_IMPORT);
		return "registry/import";
	}

	@GetMapping({ "/registry/import/template", "/api/v1/registry/import/template" })
	@ResponseBody
	ResponseEntity<byte[]> template() {
		return Ledger.download(importer.template(), "registry-import-template.xlsx");
	}

	@PostMapping("/registry/import")
	String upload(@RequestParam("file") MultipartFile file, Model model, HttpServletResponse response) throws IOException {
		RegistryImport.Outcome outcome = importer.importWorkbook(users.current(), file.getBytes());
		if (outcome.imported()) {
			// the rows go in as a job: its page shows how far it got, then what it did
			return "redirect:/registry/import/jobs/" + outcome.job();
		}
		model.addAttribute("outcome", outcome);
		model.addAttribute("filename", file.getOriginalFilename());
		if (outcome.annotatedWorkbook() != null) {
			model.addAttribute("annotated", "data:" + Ledger.CONTENT_TYPE + ";base64,"
					+ Base64.getEncoder().encodeToString(outcome.annotatedWorkbook()));
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return "registry/import";
	}

	/** The import's page while it runs and after: a progress bar that asks again every second until the job ends. */
	@GetMapping("/registry/import/jobs/{id}")
	String job(@PathVariable long id, Model model, @RequestParam(name = "fragment", defaultValue = "false") boolean fragment) {
		CurrentUser user = users.current();
		user.require(Permission.REGISTRY_IMPORT);
		Jobs.View job = jobs.find(id, user.accountId(), user.regionPath())
			.filter(j -> j.kind().equals(RegistryImport.JOB_KIND))
			.orElseThrow(org.grassroots.access.OutOfScopeException::new);
		model.addAttribute("job", job);
		return fragment ? "registry/import :: job" : "registry/import";
	}

	@PostMapping(path = "/api/v1/registry/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import households and residents. The workbook is checked whole (422 with the workbook and an "
			+ "error column, or a problem naming what is wrong with the file), then taken in as a job committing 500 rows at a "
			+ "time: 200 with the counts (householdsCreated, residentsCreated, residentsUpdated) when done within 10 s, else 202 "
			+ "with the job (Location /api/v1/jobs/{id}) to follow. Sending the file again creates nobody twice")
	@ResponseBody
	ResponseEntity<?> uploadApi(@RequestParam("file") MultipartFile file) throws IOException {
		CurrentUser me = users.current();
		RegistryImport.Outcome outcome = importer.importWorkbook(me, file.getBytes());
		if (outcome.imported()) {
			// a small file is in by the time we answer (200); a large one answers 202 and its job says how far it got
			return jobs.answer(outcome.job(), me.accountId(), me.regionPath(), Map.of("rows", outcome.rows()));
		}
		if (outcome.annotatedWorkbook() != null) {
			return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
				.header("Content-Type", Ledger.CONTENT_TYPE)
				.header("Content-Disposition", "attachment; filename=\"import-errors.xlsx\"")
				.body(outcome.annotatedWorkbook());
		}
		// a problem (RFC 9457) in the caller's language, with the stable key for programs
		var problem = org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				messages.getMessage(outcome.fileError(), null, outcome.fileError(),
						org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		problem.setProperty("code", outcome.fileError());
		return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

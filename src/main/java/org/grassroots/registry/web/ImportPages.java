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
import org.grassroots.shell.Ledger;
import org.grassroots.registry.internal.RegistryImport;
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

/** Excel import of households and residents: template, upload, and the file back with errors. */
@Controller
@Tag(name = "Registry import")
class ImportPages {

	private final CurrentUsers users;
	private final RegistryImport importer;
	private final org.springframework.context.MessageSource messages;

	ImportPages(CurrentUsers users, RegistryImport importer, org.springframework.context.MessageSource messages) {
		this.messages = messages;
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
		model.addAttribute("outcome", outcome);
		model.addAttribute("filename", file.getOriginalFilename());
		if (outcome.annotatedWorkbook() != null) {
			model.addAttribute("annotated", "data:" + Ledger.CONTENT_TYPE + ";base64,"
					+ Base64.getEncoder().encodeToString(outcome.annotatedWorkbook()));
		}
		if (!outcome.imported()) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		}
		return "registry/import";
	}

	@PostMapping(path = "/api/v1/registry/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import households and residents; 200 with counts, or 422 with the workbook and an error column")
	@ResponseBody
	ResponseEntity<?> uploadApi(@RequestParam("file") MultipartFile file) throws IOException {
		CurrentUser me = users.current();
		RegistryImport.Outcome outcome = importer.importWorkbook(me, file.getBytes());
		if (outcome.imported()) {
			return ResponseEntity.ok(Map.of("rows", outcome.rows(), "householdsCreated", outcome.householdsCreated(),
					"residentsCreated", outcome.residentsCreated(), "residentsUpdated", outcome.residentsUpdated()));
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

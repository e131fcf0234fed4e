package org.grassroots.access.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.access.internal.AccountAdministration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Access", description = "The signed-in account and, for admins, the accounts in scope")
class AccessApi {

	private final CurrentUsers users;
	private final AccountAdministration administration;

	private final org.grassroots.shell.Jobs jobs;

	AccessApi(CurrentUsers users, AccountAdministration administration, org.grassroots.shell.Jobs jobs) {
		this.users = users;
		this.administration = administration;
		this.jobs = jobs;
	}

	@GetMapping("/jobs/{id}")
	@Operation(summary = "A job I started (an import), or one in my scope: status (RUNNING, DONE, FAILED, INTERRUPTED — "
			+ "send the file again to resume), rows done of the total, created and skipped; 404 for anyone else")
	Map<String, Object> job(@org.springframework.web.bind.annotation.PathVariable long id) {
		CurrentUser user = users.current();
		return jobs.find(id, user.accountId(), user.regionPath()).orElseThrow(org.grassroots.access.OutOfScopeException::new)
			.describe();
	}

	@GetMapping("/me")
	@Operation(summary = "Who am I: role, permissions and the region my scope starts at")
	CurrentUser me() {
		return users.current();
	}

	@GetMapping("/accounts")
	@Operation(summary = "Accounts within my scope (needs ACCOUNT_ADMIN)")
	List<Map<String, Object>> accounts() {
		return administration.within(users.current()).stream().map(a -> {
			Map<String, Object> m = new java.util.LinkedHashMap<>(a.snapshot());
			m.put("id", a.getId());
			return m;
		}).toList();
	}

}

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

	AccessApi(CurrentUsers users, AccountAdministration administration) {
		this.users = users;
		this.administration = administration;
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

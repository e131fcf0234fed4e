package org.grassroots.access.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.grassroots.access.AccountChanged;
import org.grassroots.access.AccountDirectory;
import org.grassroots.access.AccountProvisioning;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.access.RegionDirectory;
import org.grassroots.access.Role;
import org.grassroots.shell.InputRejected;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** What admins do with accounts, and what a person does with their own password. */
@Service
public class AccountAdministration implements AccountProvisioning, AccountDirectory {

	private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._-]{3,64}");

	private final Accounts accounts;
	private final PasswordEncoder passwordEncoder;
	private final RegionDirectory regions;
	private final ApplicationEventPublisher events;
	private final JdbcClient jdbc;
	private final SessionTermination sessions;
	private final Clock clock;
	private final java.util.Map<String, String> demoHashes = new java.util.concurrent.ConcurrentHashMap<>();

	AccountAdministration(Accounts accounts, PasswordEncoder passwordEncoder, RegionDirectory regions,
			ApplicationEventPublisher events, JdbcClient jdbc, SessionTermination sessions, Clock clock) {
		this.clock = clock;
		this.sessions = sessions;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.regions = regions;
		this.events = events;
		this.jdbc = jdbc;
	}

	public record AccountForm(String username, String displayName, Role role, String regionCode, String department,
			String password, Boolean enabled, Integer version) {
	}

	@Override
	public java.util.Optional<AccountDirectory.Person> find(String username) {
		return username == null ? java.util.Optional.empty() : accounts.findByUsername(username.strip()).map(AccountAdministration::person);
	}

	@Override
	public java.util.Map<String, AccountDirectory.Person> findAll(java.util.Collection<String> usernames) {
		java.util.Map<String, AccountDirectory.Person> found = new java.util.HashMap<>();
		List<String> wanted = usernames.stream().filter(java.util.Objects::nonNull).map(String::strip).distinct().toList();
		// in slices, so that a long list never becomes one statement with thousands of parameters
		for (int from = 0; from < wanted.size(); from += 500) {
			jdbc.sql("SELECT username, display_name, role, region_code, region_path, enabled FROM access_account WHERE username IN (:u)")
				.param("u", wanted.subList(from, Math.min(wanted.size(), from + 500)))
				.query(AccountAdministration::personRow)
				.list()
				.forEach(p -> found.put(p.username(), p));
		}
		return found;
	}

	@Override
	public List<AccountDirectory.Person> within(String regionPath) {
		return jdbc.sql("""
				SELECT username, display_name, role, region_code, region_path, enabled FROM access_account
				WHERE region_path LIKE :p AND enabled = TRUE ORDER BY region_path, display_name""")
			.param("p", regionPath + "%")
			.query(AccountAdministration::personRow)
			.list();
	}

	@Override
	public List<AccountDirectory.Person> reaching(String regionPath) {
		return jdbc.sql("""
				SELECT username, display_name, role, region_code, region_path, enabled FROM access_account
				WHERE :p LIKE region_path || '%' AND enabled = TRUE ORDER BY region_path, display_name""")
			.param("p", regionPath)
			.query(AccountAdministration::personRow)
			.list();
	}

	private static AccountDirectory.Person personRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new AccountDirectory.Person(rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
				rs.getString("region_code"), rs.getString("region_path"), rs.getBoolean("enabled"));
	}

	private static AccountDirectory.Person person(Account a) {
		return new AccountDirectory.Person(a.username, a.displayName, a.role, a.regionCode, a.regionPath, a.enabled);
	}

	public List<Account> within(CurrentUser admin) {
		admin.require(Permission.ACCOUNT_ADMIN);
		return jdbc.sql("SELECT id FROM access_account WHERE region_path LIKE :scope ORDER BY region_path, username")
			.param("scope", admin.scopePattern())
			.query(Long.class)
			.list()
			.stream()
			.map(id -> accounts.findById(id).orElseThrow())
			.toList();
	}

	public Account get(CurrentUser admin, long id) {
		admin.require(Permission.ACCOUNT_ADMIN);
		Account account = accounts.findById(id).orElseThrow(OutOfScopeException::new);
		admin.requireInScope(account.regionPath);
		return account;
	}

	@Transactional
	public Account create(CurrentUser admin, AccountForm form) {
		admin.require(Permission.ACCOUNT_ADMIN);
		if (form.username() == null || !USERNAME.matcher(form.username().strip()).matches()) {
			throw new InputRejected("username", "access.account.username.invalid");
		}
		if (accounts.findByUsername(form.username().strip()).isPresent()) {
			throw new InputRejected("username", "access.account.username.taken");
		}
		checkPassword("password", form.username(), form.password());
		Account account = new Account();
		account.username = form.username().strip();
		account.createdAt = Instant.now(clock);
		account.passwordHash = passwordEncoder.encode(form.password());
		account.mustChangePassword = true;
		apply(admin, account, form);
		accounts.save(account);
		events.publishEvent(new AccountChanged("CREATE", "account", account.username, account.regionPath,
				"account created", null, account.snapshot()));
		return account;
	}

	@Transactional
	public Account update(CurrentUser admin, long id, AccountForm form) {
		Account account = get(admin, id);
		if (form.version() != null && !form.version().equals(account.version)) {
			throw new OptimisticLockingFailureException("account changed by someone else");
		}
		Map<String, Object> before = account.snapshot();
		apply(admin, account, form);
		if (StringUtils.hasText(form.password())) {
			checkPassword("password", account.username, form.password());
			account.passwordHash = passwordEncoder.encode(form.password());
			account.mustChangePassword = true;
		}
		accounts.save(account);
		if (!before.equals(account.snapshot()) || StringUtils.hasText(form.password())) {
			// the session principal holds role, scope and enabled state: sign the person in again
			sessions.endSessionsOf(account.username);
		}
		events.publishEvent(new AccountChanged("UPDATE", "account", account.username, account.regionPath,
				"account updated", before, account.snapshot()));
		return account;
	}

	@Transactional
	public void unlock(CurrentUser admin, long id) {
		Account account = get(admin, id);
		Map<String, Object> before = account.snapshot();
		account.lockedUntil = null;
		account.failedLogins = 0;
		accounts.save(account);
		events.publishEvent(new AccountChanged("UNLOCK", "account", account.username, account.regionPath,
				"account unlocked", before, account.snapshot()));
	}

	/** The person changes their own password; returns the new hash for the session principal. */
	@Transactional
	/** Changes one's own password and ends one's other sessions (elsewhere signed in with the old one). */
	public void changeOwnPassword(CurrentUser self, String current, String next, String repeat, String keepSessionId) {
		Account account = accounts.findById(self.accountId()).orElseThrow();
		if (current == null || !passwordEncoder.matches(current, account.passwordHash)) {
			throw new InputRejected("current", "access.password.currentWrong");
		}
		checkPassword("next", account.username, next);
		if (!next.equals(repeat)) {
			throw new InputRejected("repeat", "access.password.mismatch");
		}
		if (passwordEncoder.matches(next, account.passwordHash)) {
			throw new InputRejected("next", "access.password.same");
		}
		Map<String, Object> before = account.snapshot();
		account.passwordHash = passwordEncoder.encode(next);
		account.mustChangePassword = false;
		accounts.save(account);
		events.publishEvent(new AccountChanged("UPDATE", "account", account.username, account.regionPath,
				"password changed", before, account.snapshot()));
		sessions.endSessionsOf(account.username, keepSessionId);
	}

	@Override
	public boolean exists(String username) {
		return accounts.findByUsername(username).isPresent();
	}

	@Override
	@Transactional
	public void provision(String username, String displayName, Role role, String regionCode, String department,
			String rawPassword, boolean mustChangePassword) {
		var node = regions.find(regionCode).orElseThrow(() -> new IllegalArgumentException("Unknown region " + regionCode));
		Account account = new Account();
		account.username = username;
		account.displayName = displayName;
		account.role = role;
		account.regionCode = node.code();
		account.regionPath = node.path();
		account.department = department;
		// demo accounts (no forced change) share one password: hash it once, not once per account (bcrypt is slow on purpose)
		account.passwordHash = mustChangePassword ? passwordEncoder.encode(rawPassword)
				: demoHashes.computeIfAbsent(rawPassword, passwordEncoder::encode);
		account.mustChangePassword = mustChangePassword;
		account.createdAt = Instant.now(clock);
		accounts.save(account);
		events.publishEvent(new AccountChanged("CREATE", "account", username, node.path(), "account provisioned", null,
				account.snapshot()));
	}

	private void apply(CurrentUser admin, Account account, AccountForm form) {
		if (!StringUtils.hasText(form.displayName()) || form.displayName().strip().length() > 64) {
			throw new InputRejected("displayName", "validation.required");
		}
		if (form.role() == null) {
			throw new InputRejected("role", "validation.required");
		}
		var node = regions.find(form.regionCode() == null ? "" : form.regionCode().strip())
			.orElseThrow(() -> new InputRejected("regionCode", "access.account.region.unknown"));
		if (!admin.covers(node.path())) {
			throw new InputRejected("regionCode", "access.account.region.outOfScope");
		}
		if (form.role() == Role.DEPARTMENT_STAFF && !StringUtils.hasText(form.department())) {
			throw new InputRejected("department", "access.account.department.required");
		}
		if (form.role() == Role.ADMIN && admin.role() != Role.ADMIN) {
			throw new InputRejected("role", "access.account.role.notGrantable");
		}
		account.displayName = form.displayName().strip();
		account.role = form.role();
		account.regionCode = node.code();
		account.regionPath = node.path();
		account.department = StringUtils.hasText(form.department()) ? form.department().strip() : null;
		account.enabled = form.enabled() == null || form.enabled();
	}

	/** At least 8 characters with letters and digits, and not the username. */
	/**
	 * Passwords everyone tries first, the demo's among them: refused for every account an administrator or its holder
	 * sets (the demo accounts are provisioned directly, and must change theirs on a real county's first day).
	 */
	private static final java.util.Set<String> COMMON = java.util.Set.of("demo1234", "password1", "password123", "passw0rd",
			"abc12345", "abcd1234", "a1234567", "a12345678", "aa123456", "qwer1234", "qwerty123", "1qaz2wsx", "1q2w3e4r",
			"admin123", "admin888", "admin1234", "root1234", "test1234", "woaini1314", "iloveyou1", "p@ssw0rd", "abc123456",
			"zxcv1234", "asdf1234", "q1w2e3r4", "12345abc", "123456abc", "123qwe123", "qwe123456", "grassroots1");

	private static void checkPassword(String field, String username, String password) {
		if (password == null || password.length() < 8 || password.length() > 128 || !password.matches(".*[A-Za-z].*")
				|| !password.matches(".*\\d.*") || password.equalsIgnoreCase(username)) {
			throw new InputRejected(field, "access.password.weak");
		}
		if (COMMON.contains(password.toLowerCase(java.util.Locale.ROOT))) {
			throw new InputRejected(field, "access.password.common");
		}
	}

}

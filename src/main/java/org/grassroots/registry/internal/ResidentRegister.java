package org.grassroots.registry.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.privacy.IdNumber;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.grassroots.shell.RateLimits;
import org.grassroots.shell.TooManyAttempts;
import org.grassroots.audit.AuditAction;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/** Registering, editing and moving residents; revealing their personal numbers, audited. */
@Service
public class ResidentRegister {

	public enum Field {
		ID_NUMBER, PHONE
	}

	public record ResidenceEvent(String kind, LocalDate occurredOn, Long fromHouseholdId, Long toHouseholdId, String note,
			String recordedBy, Instant recordedAt) {
	}

	private final Residents residents;
	private final Households households;
	private final TagCatalogue tags;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final RateLimits limits;
	private final TransactionTemplate own;

	/** Entering an ID number someone already has: at most this many times an hour and a day per person. */
	static final int COLLISIONS_PER_HOUR = 5;
	static final int COLLISIONS_PER_DAY = 20;

	ResidentRegister(Residents residents, Households households, TagCatalogue tags, PersonalDataProtector protector,
			AuditTrail audit, JdbcClient jdbc, Clock clock, RateLimits limits, PlatformTransactionManager transactions) {
		this.clock = clock;
		this.limits = limits;
		this.own = new TransactionTemplate(transactions);
		this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.residents = residents;
		this.households = households;
		this.tags = tags;
		this.protector = protector;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	public Resident get(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		Resident resident = residents.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(resident.regionPath);
		return resident;
	}

	@Transactional
	public Resident register(CurrentUser user, ResidentForm form) {
		user.require(Permission.REGISTRY_WRITE);
		if (!StringUtils.hasText(form.idNumber())) {
			throw new InputRejected("idNumber", "validation.required");
		}
		Resident resident = new Resident();
		resident.createdAt = Instant.now(clock);
		Household household = apply(user, resident, form);
		save(resident);
		becomeHeadIfNeeded(resident, household);
		recordEvent(user, resident.id, "MOVE_IN", null, household.id, null);
		audit.created("resident", resident.id, resident.regionPath, resident.name, resident.snapshot());
		return resident;
	}

	@Transactional
	public Resident update(CurrentUser user, long id, ResidentForm form) {
		user.require(Permission.REGISTRY_WRITE);
		Resident resident = get(user, id);
		HouseholdRegister.checkVersion(resident.version, form.version());
		Map<String, Object> before = resident.snapshot();
		Long oldHousehold = resident.householdId;
		Resident.Status oldStatus = resident.status;
		Household household = apply(user, resident, form);
		save(resident);
		leaveHeadshipIfNeeded(resident, oldHousehold);
		becomeHeadIfNeeded(resident, household);
		if (!household.id.equals(oldHousehold)) {
			recordEvent(user, resident.id, "TRANSFER", oldHousehold, household.id, null);
		}
		else if (oldStatus != resident.status && resident.status == Resident.Status.MOVED_OUT) {
			recordEvent(user, resident.id, "MOVE_OUT", household.id, null, null);
		}
		else if (oldStatus == Resident.Status.MOVED_OUT && resident.status == Resident.Status.PRESENT) {
			recordEvent(user, resident.id, "MOVE_IN", null, household.id, null);
		}
		audit.updated("resident", resident.id, resident.regionPath, resident.name, before, resident.snapshot());
		return resident;
	}

	/**
	 * Two people entering the same ID number at the same moment: the second meets the unique key. Answered like any
	 * refusal of the number (400), not as a failure, and without saying where the number is.
	 */
	private void save(Resident resident) {
		try {
			residents.save(resident);
		}
		catch (DuplicateKeyException raced) {
			throw new InputRejected("idNumber", "registry.resident.idNumber.refused");
		}
	}

	/**
	 * An ID number entered that another resident has. Whether a number is registered is itself personal data (a
	 * masked number and a birth year leave few candidates), so: every such answer is kept in the audit trail (in
	 * its own transaction, the refusal rolls the rest back), limited per person ({@value #COLLISIONS_PER_HOUR} an
	 * hour, {@value #COLLISIONS_PER_DAY} a day, then 429), and only a resident within the caller's own scope is named
	 * (by household); one elsewhere gets the same neutral refusal as any number that cannot be registered here.
	 */
	FieldProblem collision(CurrentUser user, Resident other) {
		checkCollisionLimit(user);
		own.executeWithoutResult(status -> audit.record(AuditAction.REVEAL, "resident_id_collision", other.id,
				other.regionPath, "idNumber", null, null));
		if (user.covers(other.regionPath)) {
			String where = households.findById(other.householdId).map(h -> h.address).orElse("");
			return new FieldProblem("idNumber", "registry.resident.idNumber.takenHere", new Object[] {where});
		}
		return new FieldProblem("idNumber", "registry.resident.idNumber.refused", new Object[0]);
	}

	/** Takes one use of the caller's collision allowance, or refuses with 429. */
	void checkCollisionLimit(CurrentUser user) {
		String key = "registry.idCollision:" + user.username();
		if (!limits.take(key + ":h", COLLISIONS_PER_HOUR, java.time.Duration.ofHours(1))) {
			throw new TooManyAttempts("registry.resident.idNumber.tooManyChecks", untilNext(java.time.Duration.ofHours(1)));
		}
		if (!limits.take(key + ":d", COLLISIONS_PER_DAY, java.time.Duration.ofDays(1))) {
			throw new TooManyAttempts("registry.resident.idNumber.tooManyChecks", untilNext(java.time.Duration.ofDays(1)));
		}
	}

	private java.time.Duration untilNext(java.time.Duration window) {
		long now = clock.millis();
		return java.time.Duration.ofMillis(window.toMillis() - now % window.toMillis());
	}

	/** Returns the unmasked value and keeps an audit entry of who saw it. */
	@Transactional
	public String reveal(CurrentUser user, long id, Field field) {
		Resident resident = get(user, id);
		user.require(Permission.PERSONAL_DATA_REVEAL);
		String value = field == Field.ID_NUMBER ? protector.reveal(resident.idNumberCipher) : protector.reveal(resident.phoneCipher);
		audit.revealed("resident", resident.id, resident.regionPath, field.name());
		return value;
	}

	public List<ResidenceEvent> history(CurrentUser user, long id) {
		get(user, id);
		return jdbc.sql("SELECT * FROM registry_residence_event WHERE resident_id = :id ORDER BY occurred_on DESC, id DESC")
			.param("id", id)
			.query((rs, i) -> new ResidenceEvent(rs.getString("kind"), rs.getObject("occurred_on", LocalDate.class),
					(Long) rs.getObject("from_household_id", Long.class), rs.getObject("to_household_id", Long.class),
					rs.getString("note"), rs.getString("recorded_by"), instant(rs.getTimestamp("recorded_at"))))
			.list();
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

	void recordEvent(CurrentUser user, long residentId, String kind, Long from, Long to, String note) {
		jdbc.sql("""
				INSERT INTO registry_residence_event (resident_id, kind, occurred_on, from_household_id, to_household_id, note, recorded_by, recorded_at)
				VALUES (:r, :k, :on, :f, :t, :n, :by, :at)""")
			.param("r", residentId)
			.param("k", kind)
			.param("on", LocalDate.now(clock))
			.param("f", from)
			.param("t", to)
			.param("n", note)
			.param("by", user.username())
			.param("at", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC))
			.update();
	}

	/** A head who moves to another household, or is no longer head, leaves the old household headless. */
	private void leaveHeadshipIfNeeded(Resident resident, Long oldHousehold) {
		if (oldHousehold == null) {
			return;
		}
		boolean stillHeadThere = oldHousehold.equals(resident.householdId) && resident.relation == Resident.Relation.HEAD;
		if (!stillHeadThere) {
			jdbc.sql("UPDATE registry_household SET head_resident_id = NULL, version = version + 1 WHERE id = :h AND head_resident_id = :r")
				.param("h", oldHousehold)
				.param("r", resident.id)
				.update();
		}
	}

	private void becomeHeadIfNeeded(Resident resident, Household household) {
		if (resident.relation == Resident.Relation.HEAD && !resident.id.equals(household.headResidentId)) {
			jdbc.sql("UPDATE registry_household SET head_resident_id = :r, version = version + 1 WHERE id = :h")
				.param("r", resident.id)
				.param("h", household.id)
				.update();
		}
	}

	private Household apply(CurrentUser user, Resident resident, ResidentForm form) {
		List<FieldProblem> problems = new ArrayList<>();
		Household household = households.findById(form.householdId())
			.filter(h -> user.covers(h.regionPath))
			.orElseThrow(() -> new InputRejected("householdId", "registry.household.unknown"));
		String idNumber = IdNumber.normalise(form.idNumber());
		if (StringUtils.hasText(idNumber)) {
			if (!IdNumber.isValid(idNumber)) {
				problems.add(new FieldProblem("idNumber", "registry.resident.idNumber.invalid", new Object[0]));
			}
			else {
				String hash = protector.lookupHashOfIdNumber(idNumber);
				residents.findByIdNumberHash(hash)
					.filter(other -> !other.id.equals(resident.id))
					.ifPresent(other -> problems.add(collision(user, other)));
			}
		}
		if (form.relation() == Resident.Relation.HEAD && household.headResidentId != null
				&& !household.headResidentId.equals(resident.id)) {
			residents.findById(household.headResidentId)
				.filter(head -> head.relation == Resident.Relation.HEAD && household.id.equals(head.householdId)
						&& (head.status == Resident.Status.PRESENT || head.status == Resident.Status.AWAY))
				.ifPresent(head -> problems.add(new FieldProblem("relation", "registry.resident.headTaken", new Object[] {head.name})));
		}
		if (StringUtils.hasText(form.phone()) && !PhoneNumber.isValid(form.phone())) {
			problems.add(new FieldProblem("phone", "registry.resident.phone.invalid", new Object[0]));
		}
		if (StringUtils.hasText(idNumber) && IdNumber.isValid(idNumber)) {
			LocalDate fromId = IdNumber.birthDate(idNumber).orElseThrow();
			if (form.birthDate() != null && !form.birthDate().equals(fromId)) {
				problems.add(new FieldProblem("birthDate", "registry.resident.birthDate.mismatch", new Object[0]));
			}
			if (form.gender() != null && !form.gender().name().equals(IdNumber.gender(idNumber))) {
				problems.add(new FieldProblem("gender", "registry.resident.gender.mismatch", new Object[0]));
			}
		}
		try {
			tags.check("tags", form.tags(), "RESIDENT");
		}
		catch (InputRejected ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		if (StringUtils.hasText(idNumber)) {
			ProtectedValue id = protector.protectIdNumber(idNumber);
			resident.idNumberCipher = id.cipher();
			resident.idNumberHash = id.hash();
			resident.idNumberMasked = id.masked();
			resident.birthDate = IdNumber.birthDate(idNumber).orElseThrow();
			resident.gender = Resident.Gender.valueOf(IdNumber.gender(idNumber));
		}
		if (StringUtils.hasText(form.phone())) {
			ProtectedValue phone = protector.protectPhone(form.phone());
			resident.phoneCipher = phone.cipher();
			resident.phoneHash = phone.hash();
			resident.phoneMasked = phone.masked();
		}
		resident.householdId = household.id;
		resident.regionPath = household.regionPath;
		resident.name = form.name().strip();
		resident.relation = form.relation();
		resident.ethnicity = StringUtils.hasText(form.ethnicity()) ? form.ethnicity().strip() : "汉族";
		resident.politicalStatus = form.politicalStatus();
		resident.status = form.status() == null ? Resident.Status.PRESENT : form.status();
		resident.setTagCodes(form.tags() == null ? new HashSet<>() : form.tags());
		resident.updatedAt = Instant.now(clock);
		return household;
	}

}

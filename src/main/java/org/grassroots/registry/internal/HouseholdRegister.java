package org.grassroots.registry.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.shell.InputRejected;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering and editing households within the user's scope. */
@Service
public class HouseholdRegister {

	private final Households households;
	private final Regions regions;
	private final TagCatalogue tags;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final Clock clock;

	HouseholdRegister(Households households, Regions regions, TagCatalogue tags, AuditTrail audit, JdbcClient jdbc, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.households = households;
		this.regions = regions;
		this.tags = tags;
		this.audit = audit;
	}

	public Household get(CurrentUser user, long id) {
		user.require(Permission.REGISTRY_READ);
		Household household = households.findById(id).orElseThrow(OutOfScopeException::new);
		user.requireInScope(household.regionPath);
		return household;
	}

	@Transactional
	public Household register(CurrentUser user, HouseholdForm form) {
		user.require(Permission.REGISTRY_WRITE);
		Household household = new Household();
		household.createdAt = Instant.now(clock);
		apply(user, household, form);
		households.save(household);
		audit.created("household", household.id, household.regionPath, household.address, household.snapshot());
		return household;
	}

	@Transactional
	public Household update(CurrentUser user, long id, HouseholdForm form) {
		user.require(Permission.REGISTRY_WRITE);
		Household household = get(user, id);
		checkVersion(household.version, form.version());
		Map<String, Object> before = household.snapshot();
		String oldPath = household.regionPath;
		apply(user, household, form);
		households.save(household);
		if (!oldPath.equals(household.regionPath)) {
			// members move with their household, and each one's history says so
			residentsFollow(user, household, before.get("regionId") + " → " + household.regionId);
		}
		audit.updated("household", household.id, household.regionPath, household.address, before, household.snapshot());
		return household;
	}

	private void residentsFollow(CurrentUser user, Household household, String note) {
		jdbc.sql("UPDATE registry_resident SET region_path = :p, version = version + 1 WHERE household_id = :id")
			.param("p", household.regionPath)
			.param("id", household.id)
			.update();
		jdbc.sql("""
				INSERT INTO registry_residence_event (resident_id, kind, occurred_on, from_household_id, to_household_id, note, recorded_by, recorded_at)
				SELECT id, 'HOUSEHOLD_MOVED', :on, household_id, household_id, :note, :by, :at FROM registry_resident WHERE household_id = :id""")
			.param("on", java.time.LocalDate.now(clock))
			.param("note", "region " + note)
			.param("by", user.username())
			.param("at", java.time.OffsetDateTime.ofInstant(Instant.now(clock), java.time.ZoneOffset.UTC))
			.param("id", household.id)
			.update();
	}

	private void apply(CurrentUser user, Household household, HouseholdForm form) {
		Region region = regions.findByCode(form.regionCode().strip())
			.orElseThrow(() -> new InputRejected("regionCode", "registry.region.unknown"));
		if (!user.covers(region.path)) {
			throw new InputRejected("regionCode", "registry.region.outOfScope");
		}
		if (!region.type.holdsHouseholds()) {
			throw new InputRejected("regionCode", "registry.household.region.notGrid");
		}
		String address = form.address().strip();
		households.findByRegionIdAndAddress(region.id, address)
			.filter(other -> !other.id.equals(household.id))
			.ifPresent(other -> {
				throw new InputRejected("address", "registry.household.address.taken");
			});
		tags.check("tags", form.tags(), "HOUSEHOLD");
		household.regionId = region.id;
		household.regionPath = region.path;
		household.address = address;
		household.status = form.status();
		household.latitude = form.latitude();
		household.longitude = form.longitude();
		household.setTagCodes(form.tags() == null ? new HashSet<>() : form.tags());
		household.updatedAt = Instant.now(clock);
	}

	/** An edit names the version it was made from: none is refused (no last-write-wins), a stale one is a conflict. */
	static void checkVersion(Integer current, Integer submitted) {
		if (submitted == null) {
			throw new org.grassroots.shell.InputRejected("version", "validation.required");
		}
		if (!submitted.equals(current)) {
			throw new OptimisticLockingFailureException("Changed by someone else since it was opened");
		}
	}

}

package org.grassroots.disputes.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Size;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.audit.AuditTrail;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The roster of mediators: the members of each people's mediation committee (人民调解委员会, kind MEDIATOR, kept at
 * the village or township whose committee they sit on) and the outside professionals a county, township or village calls
 * on (三官一师: judge, prosecutor, police officer, lawyer). An entry serves cases beneath the node it is kept at.
 */
@Service
public class Professionals {

	public enum Kind {
		/** A member of the people's mediation committee of the node the entry is kept at: signs as 人民调解员. */
		MEDIATOR, JUDGE, PROSECUTOR, POLICE, LAWYER, OTHER
	}

	public record Professional(long id, String name, Kind kind, String organisation, String phoneMasked, String regionCode,
			String regionPath, boolean active, int version) {
	}

	public record Form(@Size(max = 64, message = "{validation.maxLength}") String name, Kind kind,
			@Size(max = 100, message = "{validation.maxLength}") String organisation, String phone, String regionCode) {
	}

	private final JdbcClient jdbc;
	private final RegionTree regions;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;

	Professionals(JdbcClient jdbc, RegionTree regions, PersonalDataProtector protector, AuditTrail audit) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.protector = protector;
		this.audit = audit;
	}

	/** Those who can serve cases in the user's scope: kept at the user's node, above it or beneath it. */
	public List<Professional> serving(CurrentUser user) {
		user.require(Permission.DISPUTE_READ);
		return jdbc.sql("""
				SELECT * FROM disputes_professional WHERE region_path LIKE :p OR :path LIKE region_path || '%'
				ORDER BY active DESC, kind, name""")
			.param("p", user.scopePattern()).param("path", user.regionPath())
			.query((rs, i) -> row(rs))
			.list();
	}

	/** The active entries that serve a case at {@code path} (or at the partner township's {@code partnerPath}). */
	List<Professional> serving(String path, String partnerPath) {
		return jdbc.sql("SELECT * FROM disputes_professional WHERE active = TRUE AND (:path LIKE region_path || '%'"
				+ (partnerPath == null ? "" : " OR :partner LIKE region_path || '%'") + ") ORDER BY region_path, kind, name, id")
			.param("path", path).param("partner", partnerPath == null ? "" : partnerPath)
			.query((rs, i) -> row(rs))
			.list();
	}

	Optional<Professional> find(long id) {
		return jdbc.sql("SELECT * FROM disputes_professional WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
	}

	@Transactional
	public Professional add(CurrentUser user, Form form) {
		user.require(Permission.DISPUTE_CONFIGURE);
		List<FieldProblem> problems = new ArrayList<>();
		if (!StringUtils.hasText(form.name()) || form.name().strip().length() > 64) {
			problems.add(new FieldProblem("name", "validation.required", new Object[0]));
		}
		if (form.kind() == null) {
			problems.add(new FieldProblem("kind", "validation.required", new Object[0]));
		}
		// a committee member's organisation is the committee, named after its place unless typed
		if ((!StringUtils.hasText(form.organisation()) && form.kind() != Kind.MEDIATOR)
				|| (form.organisation() != null && form.organisation().strip().length() > 100)) {
			problems.add(new FieldProblem("organisation", "validation.required", new Object[0]));
		}
		if (StringUtils.hasText(form.phone()) && !PhoneNumber.isValid(form.phone())) {
			problems.add(new FieldProblem("phone", "registry.resident.phone.invalid", new Object[0]));
		}
		RegionNode region = regions.byCode(StringUtils.hasText(form.regionCode()) ? form.regionCode().strip() : user.regionCode())
			.filter(r -> user.covers(r.path())).orElse(null);
		if (region == null) {
			problems.add(new FieldProblem("regionCode", "registry.region.outOfScope", new Object[0]));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		ProtectedValue phone = StringUtils.hasText(form.phone()) ? protector.protectPhone(form.phone()) : null;
		String organisation = StringUtils.hasText(form.organisation()) ? form.organisation().strip() : committeeOf(region);
		jdbc.sql("""
				INSERT INTO disputes_professional (name, kind, organisation, phone_cipher, phone_masked, region_id, region_path)
				VALUES (:n, :k, :o, :c, :m, :r, :p)""")
			.param("n", form.name().strip()).param("k", form.kind().name()).param("o", organisation)
			.param("c", phone == null ? null : phone.cipher()).param("m", phone == null ? null : phone.masked())
			.param("r", region.id()).param("p", region.path())
			.update();
		long id = jdbc.sql("SELECT MAX(id) FROM disputes_professional WHERE region_id = :r AND name = :n")
			.param("r", region.id()).param("n", form.name().strip()).query(Long.class).single();
		audit.created("professional", id, region.path(), form.kind() + " " + form.name().strip(),
				Map.of("kind", form.kind(), "organisation", organisation, "regionCode", region.code()));
		return find(id).orElseThrow();
	}

	@Transactional
	public Professional deactivate(CurrentUser user, long id) {
		user.require(Permission.DISPUTE_CONFIGURE);
		Professional p = find(id).filter(x -> user.covers(x.regionPath())).orElseThrow(OutOfScopeException::new);
		if (p.active()) {
			jdbc.sql("UPDATE disputes_professional SET active = FALSE, version = version + 1 WHERE id = :id").param("id", id).update();
			audit.updated("professional", id, p.regionPath(), "roster entry retired", Map.of("active", true), Map.of("active", false));
		}
		return find(id).orElseThrow();
	}

	/** The people's mediation committee of a place: 高庙村人民调解委员会. */
	static String committeeOf(RegionNode node) {
		return node.name() + "人民调解委员会";
	}

	private Professional row(java.sql.ResultSet rs) throws java.sql.SQLException {
		String code = RegionNode.codeOf(rs.getString("region_path"));
		return new Professional(rs.getLong("id"), rs.getString("name"), Kind.valueOf(rs.getString("kind")), rs.getString("organisation"),
				rs.getString("phone_masked"), code, rs.getString("region_path"), rs.getBoolean("active"), rs.getInt("version"));
	}

}

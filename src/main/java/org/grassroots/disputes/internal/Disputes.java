package org.grassroots.disputes.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.disputes.internal.DisputeCase.Level;
import org.grassroots.disputes.internal.DisputeCase.Mediator;
import org.grassroots.disputes.internal.DisputeCase.Party;
import org.grassroots.disputes.internal.DisputeCase.Referral;
import org.grassroots.disputes.internal.DisputeCase.Risk;
import org.grassroots.disputes.internal.DisputeCase.Session;
import org.grassroots.disputes.internal.DisputeCase.Source;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.registry.ResidentDirectory;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The work on a dispute case: registering it, naming mediators, recording sessions, closing it
 * (settled with an agreement, not settled, referred) and the follow-up. A case is seen by whoever's
 * scope covers its place, and for a boundary case (边界联调) by the partner township as well.
 */
@Service
public class Disputes {

	/**
	 * A party: a resident of the registry picked by id (name, address and phone come from the registry), or someone
	 * outside it (外来人员/非登记人员) by name, phone and address. Limits are the columns' (disputes_party).
	 */
	public record PartyForm(Party.Role role, Long residentId,
			@Size(max = 64, message = "{validation.maxLength}") String name, String phone,
			@Size(max = 200, message = "{validation.maxLength}") String address) {
	}

	/** A party added to a case already registered (one raised from a visit or an appeal comes without any). */
	public record PartyStep(@Valid PartyForm party, Integer version) {
	}

	public record CaseForm(Source source, @Size(max = 64, message = "{validation.maxLength}") String sourceRef, DisputeType type,
			Risk risk, @Size(max = 2000, message = "{dispute.summary.size}") String summary,
			@Size(max = 200, message = "{validation.maxLength}") String placeText, String regionCode, String partnerRegionCode,
			@Size(max = 100, message = "{validation.maxLength}") String committee, LocalDate receivedOn,
			List<@Valid PartyForm> parties) {
	}

	public record SessionForm(LocalDate heldOn, Session.Kind kind, @Size(max = 200, message = "{validation.maxLength}") String place,
			@Size(max = 1000, message = "{validation.maxLength}") String attendees,
			@Size(max = 4000, message = "{dispute.minutes.size}") String minutes, Integer version) {
	}

	public record MediatorForm(String username, Long professionalId, Integer version) {
	}

	/** How a case is closed: SETTLED with the agreement, NOT_SETTLED with a note, REFERRED to a body. */
	public record OutcomeForm(DisputeStatus outcome, @Size(max = 4000, message = "{dispute.agreement.size}") String agreementText,
			@Size(max = 2000, message = "{validation.maxLength}") String note, Referral referredTo, LocalDate on, Integer version) {
	}

	public record FollowUpForm(Boolean holds, @Size(max = 1000, message = "{validation.maxLength}") String note, LocalDate on,
			Integer version) {
	}

	private final DisputeCases cases;
	private final RegionTree regions;
	private final ResidentDirectory residents;
	private final AccountDirectory people;
	private final Professionals professionals;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final int followUpDays;

	/** The one clock (shell): never now() here. */
	private final java.time.Clock clock;

	Disputes(DisputeCases cases, RegionTree regions, ResidentDirectory residents, AccountDirectory people,
			Professionals professionals, PersonalDataProtector protector, AuditTrail audit,
			@Value("${grassroots.disputes.follow-up-days:30}") int followUpDays, java.time.Clock clock) {
		this.clock = clock;
		this.cases = cases;
		this.regions = regions;
		this.residents = residents;
		this.people = people;
		this.professionals = professionals;
		this.protector = protector;
		this.audit = audit;
		this.followUpDays = followUpDays;
	}

	/** Whether the user may see the case: its place is in scope, or it is shared with the user's township. */
	static boolean visible(CurrentUser user, DisputeCase c) {
		return user.covers(c.regionPath) || (c.partnerRegionPath != null && user.covers(c.partnerRegionPath));
	}

	public DisputeCase get(CurrentUser user, long id) {
		user.require(Permission.DISPUTE_READ);
		return cases.findById(id).filter(c -> visible(user, c)).orElseThrow(OutOfScopeException::new);
	}

	@Transactional
	public DisputeCase register(CurrentUser user, CaseForm form) {
		user.require(Permission.DISPUTE_HANDLE);
		List<FieldProblem> problems = new ArrayList<>();
		RegionNode region = StringUtils.hasText(form.regionCode())
				? regions.byCode(form.regionCode().strip()).filter(r -> user.covers(r.path())).orElse(null) : null;
		if (region == null || region.type() == RegionType.COUNTY) {
			problems.add(problem("regionCode", "registry.region.outOfScope"));
		}
		RegionNode partner = null;
		if (StringUtils.hasText(form.partnerRegionCode())) {
			partner = regions.byCode(form.partnerRegionCode().strip()).filter(r -> r.type() == RegionType.TOWNSHIP).orElse(null);
			if (partner == null || (region != null && region.path().startsWith(partner.path()))) {
				problems.add(problem("partnerRegionCode", "dispute.partner.invalid"));
				partner = null;
			}
		}
		if (form.type() == null) {
			problems.add(problem("type", "validation.required"));
		}
		String summary = form.summary() == null ? "" : form.summary().strip();
		if (summary.length() < 5 || summary.length() > 2000) {
			problems.add(problem("summary", "dispute.summary.size"));
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		LocalDate received = form.receivedOn() == null ? today : form.receivedOn();
		if (received.isAfter(today) || received.isBefore(today.minusYears(3))) {
			problems.add(problem("receivedOn", "dispute.date.range"));
		}
		if (form.placeText() != null && form.placeText().length() > 200) {
			problems.add(problem("placeText", "validation.tooLong"));
		}
		List<Party> parties = new ArrayList<>();
		List<PartyForm> sent = form.parties() == null ? List.of() : form.parties().stream()
			.filter(p -> p != null && (p.residentId() != null || StringUtils.hasText(p.name()))).toList();
		boolean fromAnotherModule = form.source() == Source.VISIT || form.source() == Source.APPEAL;
		if (sent.isEmpty() && !fromAnotherModule) {
			problems.add(problem("parties", "dispute.parties.required"));
		}
		for (int i = 0; i < sent.size(); i++) {
			Party party = party(user, sent.get(i), i == 0 ? Party.Role.APPLICANT : Party.Role.RESPONDENT, "parties[" + i + "].",
					problems);
			if (party != null) {
				parties.add(party);
			}
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		DisputeCase c = new DisputeCase();
		c.caseNumber = "TMP" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 29);
		c.source = form.source() == null ? Source.WALK_IN : form.source();
		c.sourceRef = trim(form.sourceRef(), 64);
		c.type = form.type();
		c.risk = form.risk() == null ? Risk.LOW : form.risk();
		c.summary = summary;
		c.placeText = trim(form.placeText(), 200);
		c.regionId = region.id();
		c.regionPath = region.path();
		c.level = partner != null || region.type() == RegionType.TOWNSHIP ? Level.TOWNSHIP : Level.VILLAGE;
		if (partner != null) {
			c.partnerRegionId = partner.id();
			c.partnerRegionPath = partner.path();
		}
		c.committee = StringUtils.hasText(form.committee()) ? trim(form.committee(), 100) : committeeOf(region, c.level);
		c.status = DisputeStatus.OPEN;
		c.receivedOn = received;
		c.createdBy = user.username();
		c.createdAt = clock.instant();
		c.parties.addAll(parties);
		c = cases.save(c);
		c.caseNumber = String.format("TJ%d-%06d", received.getYear(), c.id);
		c = cases.save(c);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("caseNumber", c.caseNumber);
		after.put("type", c.type);
		after.put("source", c.source);
		after.put("risk", c.risk);
		after.put("regionCode", region.code());
		after.put("partner", partner == null ? "—" : partner.code());
		after.put("parties", parties.size());
		audit.created("dispute", c.id, c.regionPath, "dispute " + c.caseNumber + " registered", after);
		return c;
	}

	/**
	 * A party from its form: a resident of the caller's scope picked from the registry (linked by id, with the name,
	 * household address and protected phone the registry holds), or an outsider as typed. Problems are named by
	 * {@code field} + the form's field.
	 */
	private Party party(CurrentUser user, PartyForm p, Party.Role otherwise, String field, List<FieldProblem> problems) {
		Party.Role role = p.role() == null ? otherwise : p.role();
		if (p.residentId() != null) {
			var resident = user.can(Permission.REGISTRY_READ) ? residents.byId(user, p.residentId()) : Optional.<ResidentDirectory.ResidentRef>empty();
			var match = resident.isEmpty() ? Optional.<ResidentDirectory.ResidentMatch>empty() : residents.match(user, p.residentId());
			if (resident.isEmpty() || match.isEmpty()) {
				problems.add(problem(field + "residentId", "dispute.party.unknown"));
				return null;
			}
			ProtectedValue phone = resident.get().phone();
			return new Party(role, resident.get().id(), resident.get().name(), trim(match.get().postalAddress(), 200),
					phone == null ? null : phone.cipher(), phone == null ? null : phone.hash(), phone == null ? null : phone.masked());
		}
		String name = p.name() == null ? "" : p.name().strip();
		if (name.isEmpty()) {
			problems.add(problem(field + "name", "validation.required"));
			return null;
		}
		if (name.length() > 64) {
			problems.add(problem(field + "name", "validation.tooLong"));
			return null;
		}
		if (p.address() != null && p.address().strip().length() > 200) {
			problems.add(problem(field + "address", "validation.tooLong"));
			return null;
		}
		ProtectedValue phone = null;
		if (StringUtils.hasText(p.phone())) {
			if (!PhoneNumber.isValid(p.phone())) {
				problems.add(problem(field + "phone", "registry.resident.phone.invalid"));
				return null;
			}
			phone = protector.protectPhone(p.phone());
		}
		return new Party(role, null, name, trim(p.address(), 200), phone == null ? null : phone.cipher(),
				phone == null ? null : phone.hash(), phone == null ? null : phone.masked());
	}

	/** A party joins a case being worked on: a resident picked from the registry or an outsider. */
	@Transactional
	public DisputeCase addParty(CurrentUser user, long id, PartyStep step) {
		DisputeCase c = forChange(user, id, step.version());
		if (step.party() == null || (step.party().residentId() == null && !StringUtils.hasText(step.party().name()))) {
			throw new InputRejected("party.name", "validation.required");
		}
		List<FieldProblem> problems = new ArrayList<>();
		Party party = party(user, step.party(), Party.Role.OTHER, "party.", problems);
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		if (party.registered() && c.parties.stream().anyMatch(p -> party.residentId().equals(p.residentId()))) {
			throw new InputRejected("party.residentId", "dispute.party.duplicate");
		}
		int before = c.parties.size();
		c.join(party);
		DisputeCase saved = cases.save(c);
		audit.updated("dispute", id, c.regionPath, "party added to " + c.caseNumber, Map.of("parties", before),
				Map.of("parties", c.parties.size(), "party", party.name(), "role", party.role(), "registered", party.registered()));
		return saved;
	}

	/** 村人民调解委员会 for a village case, 镇（乡）人民调解委员会 for a township one. */
	private String committeeOf(RegionNode region, Level level) {
		RegionNode home = region;
		RegionType wanted = level == Level.TOWNSHIP ? RegionType.TOWNSHIP : RegionType.VILLAGE;
		for (RegionNode n : regions.lineage(region.path())) {
			if (n.type() == wanted || (wanted == RegionType.VILLAGE && n.type() == RegionType.COMMUNITY)) {
				home = n;
			}
		}
		return home.name() + "人民调解委员会";
	}

	@Transactional
	public DisputeCase addMediator(CurrentUser user, long id, MediatorForm form) {
		DisputeCase c = forChange(user, id, form.version());
		Mediator mediator;
		if (form.professionalId() != null) {
			var professional = professionals.find(form.professionalId())
				.filter(p -> p.active() && (c.regionPath.startsWith(p.regionPath())
						|| (c.partnerRegionPath != null && c.partnerRegionPath.startsWith(p.regionPath()))))
				.orElseThrow(() -> new InputRejected("professionalId", "dispute.mediator.unknown"));
			mediator = new Mediator(Mediator.Kind.valueOf(professional.kind().name()), null, professional.id(), professional.name(),
					null, professional.organisation());
		}
		else {
			if (!StringUtils.hasText(form.username())) {
				throw new InputRejected("username", "validation.required");
			}
			// a cadre signs with their own standing (the account's role now), never as a people's mediator
			var person = people.find(form.username().strip()).filter(AccountDirectory.Person::enabled)
				.filter(p -> p.role() != Role.DEPARTMENT_STAFF && p.role() != Role.ADMIN && p.role() != Role.SUPERVISOR)
				.filter(p -> p.reaches(c.regionPath) || (c.partnerRegionPath != null && p.reaches(c.partnerRegionPath)))
				.orElseThrow(() -> new InputRejected("username", "dispute.mediator.unknown"));
			mediator = new Mediator(Mediator.Kind.CADRE, person.username(), null, person.displayName(), person.role().name(), null);
		}
		if (c.mediators.stream().anyMatch(m -> m.name().equals(mediator.name()) && m.kind() == mediator.kind())) {
			throw new InputRejected(form.professionalId() != null ? "professionalId" : "username", "dispute.mediator.duplicate");
		}
		c.add(mediator);
		DisputeCase saved = cases.save(c);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("mediator", mediator.name());
		after.put("kind", mediator.kind());
		after.put("standing", mediator.role() != null ? mediator.role() : mediator.organisation() == null ? "—" : mediator.organisation());
		audit.updated("dispute", id, c.regionPath, "mediator added to " + c.caseNumber, Map.of("mediators", c.mediators.size() - 1), after);
		return saved;
	}

	@Transactional
	public DisputeCase holdSession(CurrentUser user, long id, SessionForm form) {
		DisputeCase c = forChange(user, id, form.version());
		List<FieldProblem> problems = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		if (form.heldOn() == null || form.heldOn().isAfter(today) || form.heldOn().isBefore(c.receivedOn.minusDays(30))) {
			problems.add(problem("heldOn", "dispute.date.range"));
		}
		if (form.kind() == null) {
			problems.add(problem("kind", "validation.required"));
		}
		if (!StringUtils.hasText(form.minutes()) || form.minutes().length() > 4000) {
			problems.add(problem("minutes", "dispute.minutes.size"));
		}
		if (form.attendees() != null && form.attendees().length() > 1000) {
			problems.add(problem("attendees", "validation.tooLong"));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		DisputeStatus from = c.hold(new Session(form.heldOn(), form.kind(), trim(form.place(), 200), trim(form.attendees(), 1000),
				form.minutes().strip(), user.username()));
		DisputeCase saved = cases.save(c);
		audit.updated("dispute", id, c.regionPath, form.kind() + " session on " + c.caseNumber, Map.of("status", from),
				Map.of("status", c.status, "session", form.heldOn() + " " + form.kind()));
		return saved;
	}

	@Transactional
	public DisputeCase close(CurrentUser user, long id, OutcomeForm form) {
		DisputeCase c = forChange(user, id, form.version());
		LocalDate today = LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE);
		LocalDate on = form.on() == null ? today : form.on();
		if (on.isAfter(today) || on.isBefore(c.receivedOn)) {
			throw new InputRejected("on", "dispute.date.range");
		}
		if (form.outcome() == null || !form.outcome().closed()) {
			throw new InputRejected("outcome", "validation.required");
		}
		DisputeStatus from = switch (form.outcome()) {
			case SETTLED -> {
				if (form.agreementText() == null || form.agreementText().strip().length() < 10 || form.agreementText().length() > 4000) {
					throw new InputRejected("agreementText", "dispute.agreement.size");
				}
				yield c.settle(form.agreementText().strip(), on, followUpDays);
			}
			case NOT_SETTLED -> {
				if (!StringUtils.hasText(form.note())) {
					throw new InputRejected("note", "validation.required");
				}
				yield c.fail(trim(form.note(), 2000), on);
			}
			default -> {
				if (form.referredTo() == null) {
					throw new InputRejected("referredTo", "validation.required");
				}
				yield c.refer(form.referredTo(), trim(form.note(), 2000), on);
			}
		};
		DisputeCase saved = cases.save(c);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("status", c.status);
		after.put("closedOn", on);
		if (c.referredTo != null && c.status == DisputeStatus.REFERRED) {
			after.put("referredTo", c.referredTo);
		}
		audit.updated("dispute", id, c.regionPath, c.status + " " + c.caseNumber, Map.of("status", from), after);
		return saved;
	}

	@Transactional
	public DisputeCase followUp(CurrentUser user, long id, FollowUpForm form) {
		DisputeCase c = forChange(user, id, form.version());
		if (form.holds() == null) {
			throw new InputRejected("holds", "validation.required");
		}
		LocalDate on = form.on() == null ? LocalDate.ofInstant(clock.instant(), WorkingCalendar.ZONE) : form.on();
		if (c.closedOn != null && on.isBefore(c.closedOn)) {
			throw new InputRejected("on", "dispute.date.range");
		}
		DisputeStatus from = c.followUp(form.holds(), trim(form.note(), 1000), on);
		DisputeCase saved = cases.save(c);
		audit.updated("dispute", id, c.regionPath, "follow-up of " + c.caseNumber + (form.holds() ? ": holds" : ": does not hold"),
				Map.of("status", from), Map.of("status", c.status, "holds", form.holds()));
		return saved;
	}

	/** The case for a change: visible, the right held, and not changed since the caller read it. */
	private DisputeCase forChange(CurrentUser user, long id, Integer version) {
		user.require(Permission.DISPUTE_HANDLE);
		DisputeCase c = cases.findById(id).filter(x -> visible(user, x)).orElseThrow(OutOfScopeException::new);
		if (version == null) {
			throw new InputRejected("version", "validation.required");
		}
		if (!version.equals(c.version)) {
			throw new OptimisticLockingFailureException("Dispute " + id + " was changed by someone else");
		}
		return c;
	}

	/** A case raised elsewhere (a visit, an appeal) in the name of whoever raised it. */
	@Transactional
	public Optional<DisputeCase> raise(CurrentUser user, Source source, String sourceRef, String regionCode, String summary,
			LocalDate on) {
		if (cases.countBySourceAndSourceRef(source, sourceRef) > 0) {
			return Optional.empty();
		}
		return Optional.of(register(user, new CaseForm(source, sourceRef, DisputeType.OTHER, Risk.LOW, summary, null, regionCode, null,
				null, on, List.of())));
	}

	private static FieldProblem problem(String field, String code) {
		return new FieldProblem(field, code, new Object[0]);
	}

	private static String trim(String s, int max) {
		return s == null || s.isBlank() ? null : s.strip().length() > max ? s.strip().substring(0, max) : s.strip();
	}

}

package org.grassroots.petitions.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.OutOfScopeException;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.petitions.internal.Petition.Category;
import org.grassroots.petitions.internal.Petition.Form;
import org.grassroots.petitions.internal.Petition.Level;
import org.grassroots.petitions.internal.Petition.Petitioner;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Registering petitions and closing their ledgers. A petition is seen by whoever's scope covers its
 * place; its owner (包案领导) is a township or county leader whose scope reaches it. A close-out is
 * requested with evidence and approved by someone else who holds the right.
 */
@Service
public class Petitions {

	/** A petitioner: a resident of the registry, or a name and phone. Limits are the columns' (petitions_*). */
	public record PetitionerForm(Long residentId, @Size(max = 64, message = "{validation.maxLength}") String name, String phone) {
	}

	public record RegisterForm(Form form, LocalDate receivedOn, Integer headcount,
			@Size(max = 2000, message = "{petition.matter.size}") String matter, Category category, String regionCode,
			Level jurisdiction, Level levelReached, String ownerUsername, LocalDate dueOn, List<@Valid PetitionerForm> petitioners,
			List<@Size(max = 1000, message = "{petition.item.size}") String> items) {
	}

	/** One step on an item of the ledger (item numbered from 1): evidence to request, a note to return or reopen. */
	public record ItemStep(Integer item, @Size(max = 2000, message = "{petition.evidence.size}") String evidence,
			@Size(max = 1000, message = "{validation.maxLength}") String note,
			@Size(max = 1000, message = "{petition.item.size}") String description, Integer version) {
	}

	private static final Set<Role> OWNERS = Set.of(Role.TOWNSHIP_LEADER, Role.COUNTY_STAFF);

	private final PetitionRecords petitions;
	private final RegionTree regions;
	private final ResidentDirectory residents;
	private final AccountDirectory people;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final int handlingDays;
	private final PetitionPhotos photoStore;

	Petitions(PetitionRecords petitions, RegionTree regions, ResidentDirectory residents, AccountDirectory people,
			PersonalDataProtector protector, AuditTrail audit, JdbcClient jdbc, PetitionPhotos photoStore,
			@Value("${grassroots.petitions.handling-days:60}") int handlingDays) {
		this.photoStore = photoStore;
		this.petitions = petitions;
		this.regions = regions;
		this.residents = residents;
		this.people = people;
		this.protector = protector;
		this.audit = audit;
		this.jdbc = jdbc;
		this.handlingDays = handlingDays;
	}

	public Petition get(CurrentUser user, long id) {
		user.require(Permission.PETITION_READ);
		return petitions.findById(id).filter(p -> user.covers(p.regionPath)).orElseThrow(OutOfScopeException::new);
	}

	@Transactional
	public Petition register(CurrentUser user, RegisterForm form) {
		user.require(Permission.PETITION_HANDLE);
		List<FieldProblem> problems = new ArrayList<>();
		RegionNode region = StringUtils.hasText(form.regionCode())
				? regions.byCode(form.regionCode().strip()).filter(r -> user.covers(r.path())).orElse(null) : null;
		if (region == null || region.type() == RegionType.COUNTY) {
			problems.add(problem("regionCode", "registry.region.outOfScope"));
		}
		String matter = form.matter() == null ? "" : form.matter().strip();
		if (matter.length() < 5 || matter.length() > 2000) {
			problems.add(problem("matter", "petition.matter.size"));
		}
		int headcount = form.headcount() == null ? Math.max(1, form.petitioners() == null ? 1 : form.petitioners().size())
				: form.headcount();
		if (headcount < 1 || headcount > 999) {
			problems.add(problem("headcount", "petition.headcount.range"));
		}
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		LocalDate received = form.receivedOn() == null ? today : form.receivedOn();
		if (received.isAfter(today) || received.isBefore(today.minusYears(3))) {
			problems.add(problem("receivedOn", "dispute.date.range"));
		}
		if (form.levelReached() == null) {
			problems.add(problem("levelReached", "validation.required"));
		}
		Optional<AccountDirectory.Person> owner = people.find(form.ownerUsername()).filter(AccountDirectory.Person::enabled)
			.filter(p -> OWNERS.contains(p.role()));
		if (owner.isEmpty() || (region != null && !owner.get().reaches(region.path()))) {
			problems.add(problem("ownerUsername", "petition.owner.invalid"));
		}
		LocalDate due = form.dueOn() == null ? received.plusDays(handlingDays) : form.dueOn();
		if (due.isBefore(received)) {
			problems.add(problem("dueOn", "dispute.date.range"));
		}
		List<Petitioner> petitioners = new ArrayList<>();
		List<PetitionerForm> sent = form.petitioners() == null ? List.of() : form.petitioners().stream()
			.filter(p -> p != null && (p.residentId() != null || StringUtils.hasText(p.name()))).toList();
		if (sent.isEmpty()) {
			problems.add(problem("petitioners", "petition.petitioners.required"));
		}
		for (int i = 0; i < sent.size(); i++) {
			PetitionerForm p = sent.get(i);
			if (p.residentId() != null) {
				var resident = residents.byId(user, p.residentId());
				if (resident.isEmpty()) {
					problems.add(problem("petitioners[" + i + "].residentId", "dispute.party.unknown"));
					continue;
				}
				ProtectedValue phone = resident.get().phone();
				petitioners.add(new Petitioner(resident.get().id(), resident.get().name(), phone == null ? null : phone.cipher(),
						phone == null ? null : phone.hash(), phone == null ? null : phone.masked()));
			}
			else if (p.name().strip().length() > 64) {
				problems.add(problem("petitioners[" + i + "].name", "validation.tooLong"));
			}
			else if (StringUtils.hasText(p.phone()) && !PhoneNumber.isValid(p.phone())) {
				problems.add(problem("petitioners[" + i + "].phone", "registry.resident.phone.invalid"));
			}
			else {
				ProtectedValue phone = StringUtils.hasText(p.phone()) ? protector.protectPhone(p.phone()) : null;
				petitioners.add(new Petitioner(null, p.name().strip(), phone == null ? null : phone.cipher(),
						phone == null ? null : phone.hash(), phone == null ? null : phone.masked()));
			}
		}
		List<String> items = form.items() == null ? List.of()
				: form.items().stream().filter(StringUtils::hasText).map(String::strip).toList();
		if (items.stream().anyMatch(i -> i.length() > 1000)) {
			problems.add(problem("items", "validation.tooLong"));
		}
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		Petition p = new Petition();
		p.caseNumber = "TMP" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 29);
		p.form = form.form() == null ? Form.VISIT : form.form();
		p.receivedOn = received;
		p.headcount = headcount;
		p.matter = matter;
		p.category = form.category() == null ? Category.OTHER : form.category();
		p.regionId = region.id();
		p.regionPath = region.path();
		p.jurisdiction = form.jurisdiction() == null ? Level.TOWNSHIP : form.jurisdiction();
		p.levelReached = form.levelReached();
		p.leapfrog = Petition.skipsALevel(p.jurisdiction, p.levelReached);
		p.repeatOf = earlier(petitioners, received).orElse(null);
		p.ownerUsername = owner.get().username();
		p.dueOn = due;
		p.status = Petition.Status.OPEN;
		p.createdBy = user.username();
		p.createdAt = Instant.now();
		p.petitioners.addAll(petitioners);
		(items.isEmpty() ? List.of(matter.length() > 1000 ? matter.substring(0, 1000) : matter) : items)
			.forEach(i -> p.items.add(Petition.Item.open(i)));
		Petition saved = petitions.save(p);
		saved.caseNumber = String.format("XF%d-%06d", received.getYear(), saved.id);
		saved = petitions.save(saved);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("caseNumber", saved.caseNumber);
		after.put("form", saved.form);
		after.put("headcount", saved.headcount);
		after.put("levelReached", saved.levelReached);
		after.put("leapfrog", saved.leapfrog);
		after.put("repeatOf", saved.repeatOf == null ? "—" : saved.repeatOf);
		after.put("owner", saved.ownerUsername);
		after.put("dueOn", saved.dueOn);
		audit.created("petition", saved.id, saved.regionPath, "petition " + saved.caseNumber + " registered", after);
		return saved;
	}

	/** The earliest petition of the year before by any of the same petitioners (by resident or phone), wherever it was. */
	private Optional<Long> earlier(List<Petitioner> petitioners, LocalDate received) {
		List<String> phones = petitioners.stream().map(Petitioner::phoneHash).filter(java.util.Objects::nonNull).toList();
		List<Long> ids = petitioners.stream().map(Petitioner::residentId).filter(java.util.Objects::nonNull).toList();
		if (phones.isEmpty() && ids.isEmpty()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT MIN(p.id) FROM petitions_petition p JOIN petitions_petitioner x ON x.petition_id = p.id
				WHERE p.received_on >= :since AND p.received_on <= :until
				AND (x.phone_hash IN (:phones) OR x.resident_id IN (:ids))""")
			.param("since", received.minusYears(1)).param("until", received)
			.param("phones", phones.isEmpty() ? List.of("-") : phones).param("ids", ids.isEmpty() ? List.of(-1L) : ids)
			.query(Long.class).optional();
	}

	@Transactional
	public Petition requestClose(CurrentUser user, long id, ItemStep step) {
		return requestClose(user, id, step, List.of());
	}

	/**
	 * 申请销号 with the result and evidence, and photos of it (as sent: checked by content and stored without their
	 * metadata, with the item).
	 */
	@Transactional
	public Petition requestClose(CurrentUser user, long id, ItemStep step, List<byte[]> photos) {
		user.require(Permission.PETITION_HANDLE);
		Petition p = forChange(user, id, step.version());
		if (step.evidence() == null || step.evidence().strip().length() < 5 || step.evidence().length() > 2000) {
			throw new InputRejected("evidence", "petition.evidence.size");
		}
		var clean = photoStore.clean(photos);
		int index = index(step);
		p.requestClose(index, step.evidence().strip(), user.username(), LocalDate.now(WorkingCalendar.ZONE));
		Petition saved = petitions.save(p);
		photoStore.store(id, index, clean, user.username());
		audit.updated("petition", id, p.regionPath, "close-out requested for item " + (index + 1) + " of " + p.caseNumber,
				Map.of("item", index + 1, "status", "OPEN"), Map.of("item", index + 1, "status", "REQUESTED", "photos", clean.size()));
		return saved;
	}

	/** A photo of a petition the user's scope covers (404 for any other). */
	public org.grassroots.privacy.PhotoCleaner.CleanPhoto photo(CurrentUser user, long id, long photoId) {
		get(user, id);
		return photoStore.photo(id, photoId).orElseThrow(OutOfScopeException::new);
	}

	@Transactional
	public Petition approve(CurrentUser user, long id, ItemStep step) {
		user.require(Permission.PETITION_APPROVE);
		Petition p = forChange(user, id, step.version());
		int index = index(step);
		Petition.Status before = p.status;
		boolean closed = p.approve(index, user.username(), LocalDate.now(WorkingCalendar.ZONE));
		Petition saved = petitions.save(p);
		audit.updated("petition", id, p.regionPath, "item " + (index + 1) + " of " + p.caseNumber + " closed out" + (closed ? "; case closed" : ""),
				Map.of("item", index + 1, "itemStatus", "REQUESTED", "status", before),
				Map.of("item", index + 1, "itemStatus", "CLOSED", "status", p.status));
		return saved;
	}

	@Transactional
	public Petition returnRequest(CurrentUser user, long id, ItemStep step) {
		user.require(Permission.PETITION_APPROVE);
		Petition p = forChange(user, id, step.version());
		if (!StringUtils.hasText(step.note())) {
			throw new InputRejected("note", "validation.required");
		}
		if (step.note().length() > 1000) {
			throw new InputRejected("note", "validation.tooLong");
		}
		int index = index(step);
		p.returnRequest(index, step.note().strip());
		Petition saved = petitions.save(p);
		audit.updated("petition", id, p.regionPath, "close-out of item " + (index + 1) + " returned", Map.of("itemStatus", "REQUESTED"),
				Map.of("itemStatus", "OPEN", "note", step.note().strip()));
		return saved;
	}

	@Transactional
	public Petition reopen(CurrentUser user, long id, ItemStep step) {
		user.require(Permission.PETITION_HANDLE);
		Petition p = forChange(user, id, step.version());
		if (!StringUtils.hasText(step.note())) {
			throw new InputRejected("note", "validation.required");
		}
		if (step.note().length() > 1000) {
			throw new InputRejected("note", "validation.tooLong");
		}
		int index = index(step);
		Petition.Status before = p.status;
		p.reopen(index, step.note().strip());
		Petition saved = petitions.save(p);
		audit.updated("petition", id, p.regionPath, "item " + (index + 1) + " of " + p.caseNumber + " reopened",
				Map.of("itemStatus", "CLOSED", "status", before), Map.of("itemStatus", "OPEN", "status", p.status, "note", step.note().strip()));
		return saved;
	}

	@Transactional
	public Petition addItem(CurrentUser user, long id, ItemStep step) {
		user.require(Permission.PETITION_HANDLE);
		Petition p = forChange(user, id, step.version());
		if (step.description() == null || step.description().strip().length() < 2 || step.description().length() > 1000) {
			throw new InputRejected("description", "petition.item.size");
		}
		p.addItem(step.description().strip());
		Petition saved = petitions.save(p);
		audit.updated("petition", id, p.regionPath, "item added to " + p.caseNumber, Map.of("items", p.items.size() - 1),
				Map.of("items", p.items.size()));
		return saved;
	}

	private static int index(ItemStep step) {
		if (step.item() == null) {
			throw new InputRejected("item", "petition.item.unknown");
		}
		return step.item() - 1;
	}

	private Petition forChange(CurrentUser user, long id, Integer version) {
		Petition p = petitions.findById(id).filter(x -> user.covers(x.regionPath)).orElseThrow(OutOfScopeException::new);
		if (version == null) {
			throw new InputRejected("version", "validation.required");
		}
		if (!version.equals(p.version)) {
			throw new OptimisticLockingFailureException("Petition " + id + " was changed by someone else");
		}
		return p;
	}

	private static FieldProblem problem(String field, String code) {
		return new FieldProblem(field, code, new Object[0]);
	}

}

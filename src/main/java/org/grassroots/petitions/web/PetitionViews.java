package org.grassroots.petitions.web;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.petitions.internal.Petition;
import org.grassroots.petitions.internal.PetitionPhotos;
import org.grassroots.petitions.internal.PetitionRecords;
import org.grassroots.petitions.internal.PetitionSteps;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.stereotype.Component;

/** A petition as pages and the API show it: names resolved, phones masked, items numbered from 1. */
@Component
class PetitionViews {

	record PetitionerView(Long residentId, String name, String phone) {
	}

	/**
	 * An item of the ledger (from 1); {@code allowedSteps} are those the reader may take on it now, {@code photos} the ids
	 * of its evidence photos ({@code /petitions/{id}/photos/{photo}}).
	 */
	record ItemView(int item, String description, Petition.Item.ItemStatus status, String evidence, String requestedBy,
			String requestedByName, LocalDate requestedOn, String approvedBy, String approvedByName, LocalDate approvedOn, int reopened,
			String note, java.util.Set<Petition.Step> allowedSteps, List<Long> photos) {

		/** Whether the reader may take the step (by name: REQUEST, APPROVE, RETURN, REOPEN) on the item now. */
		public boolean can(String step) {
			return allowedSteps.contains(Petition.Step.valueOf(step));
		}

	}

	record PetitionView(long id, String caseNumber, Petition.Form form, LocalDate receivedOn, int headcount, String matter,
			Petition.Category category, String regionCode, String regionName, Petition.Level jurisdiction,
			Petition.Level levelReached, boolean leapfrog, String repeatOfCaseNumber, String ownerUsername, String ownerName,
			LocalDate dueOn, boolean overdue, Petition.Status status, LocalDate closedOn, int reopenCount,
			List<PetitionerView> petitioners, List<ItemView> items, Integer version, boolean mayAddItem) {
	}

	private final RegionTree regions;
	private final AccountDirectory people;
	private final PetitionRecords records;
	private final PetitionSteps steps;
	private final PetitionPhotos photos;

	PetitionViews(RegionTree regions, AccountDirectory people, PetitionRecords records, PetitionSteps steps, PetitionPhotos photos) {
		this.regions = regions;
		this.people = people;
		this.records = records;
		this.steps = steps;
		this.photos = photos;
	}

	private String name(String username) {
		return username == null ? null : people.find(username).map(AccountDirectory.Person::displayName).orElse(username);
	}

	PetitionView of(CurrentUser user, Petition p) {
		RegionNode region = regions.byId(p.getRegionId()).orElseThrow();
		String repeat = p.getRepeatOf() == null ? null : records.findById(p.getRepeatOf())
			.map(e -> user.covers(e.getRegionPath()) ? e.getCaseNumber() : "—").orElse(null);
		var items = p.getItems();
		var photosByItem = photos.byItem(p.getId());
		return new PetitionView(p.getId(), p.getCaseNumber(), p.getForm(), p.getReceivedOn(), p.getHeadcount(), p.getMatter(),
				p.getCategory(), region.code(), region.name(), p.getJurisdiction(), p.getLevelReached(), p.isLeapfrog(), repeat,
				p.getOwnerUsername(), people.find(p.getOwnerUsername()).map(AccountDirectory.Person::displayName).orElse(p.getOwnerUsername()),
				p.getDueOn(), p.getStatus() == Petition.Status.OPEN && p.getDueOn().isBefore(LocalDate.now(WorkingCalendar.ZONE)),
				p.getStatus(), p.getClosedOn(), p.getReopenCount(),
				p.getPetitioners().stream().map(x -> new PetitionerView(x.residentId(), x.name(), x.phoneMasked())).toList(),
				IntStream.range(0, items.size()).mapToObj(i -> {
					var it = items.get(i);
					return new ItemView(i + 1, it.description(), it.status(), it.evidence(), it.requestedBy(), name(it.requestedBy()),
							it.requestedOn(), it.approvedBy(), name(it.approvedBy()), it.approvedOn(), it.reopened(), it.note(),
							steps.of(user, p, i + 1), photosByItem.getOrDefault(i + 1, List.of()));
				}).toList(),
				p.getVersion(), steps.mayAddItem(user, p));
	}

}

package org.grassroots.petitions.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.shell.InputRejected;
import org.grassroots.shell.StepNotAllowed;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One petition batch (批次) with its petitioners and the items of its ledger. It closes when its last
 * item is closed out, and opens again when any item is reopened.
 */
@Table("petitions_petition")
public class Petition {

	public enum Form {
		LETTER, VISIT, ONLINE, PHONE
	}

	public enum Category {
		LAND, LABOUR_WAGES, SOCIAL_SECURITY, ENVIRONMENT, CONSTRUCTION, LAW_ENFORCEMENT, VILLAGE_AFFAIRS, OTHER
	}

	/** The levels a petition can reach, in order. */
	public enum Level {
		TOWNSHIP, COUNTY, CITY, PROVINCE, NATIONAL
	}

	public enum Status {
		OPEN, CLOSED
	}

	/** The steps on an item of the ledger (销号), as pages and the API name them. */
	public enum Step {
		/** 申请销号, with the result and evidence. */
		REQUEST,
		/** 批准销号: by someone other than the requester. */
		APPROVE,
		/** 退回: the request goes back with the reason. */
		RETURN,
		/** 重新打开: the matter came back. */
		REOPEN
	}

	@Id
	Long id;
	String caseNumber;
	Form form;
	LocalDate receivedOn;
	int headcount;
	String matter;
	Category category;
	Long regionId;
	String regionPath;
	Level jurisdiction;
	Level levelReached;
	boolean leapfrog;
	Long repeatOf;
	String ownerUsername;
	LocalDate dueOn;
	Status status;
	LocalDate closedOn;
	int reopenCount;
	String createdBy;
	Instant createdAt;
	@Version
	Integer version;
	@MappedCollection(idColumn = "petition_id", keyColumn = "petitioner_key")
	List<Petitioner> petitioners = new ArrayList<>();
	@MappedCollection(idColumn = "petition_id", keyColumn = "item_key")
	List<Item> items = new ArrayList<>();

	@Table("petitions_petitioner")
	public record Petitioner(Long residentId, String name, String phoneCipher, String phoneHash, String phoneMasked) {
	}

	@Table("petitions_item")
	public record Item(String description, ItemStatus status, String evidence, String requestedBy, LocalDate requestedOn,
			String approvedBy, LocalDate approvedOn, int reopened, String note) {

		public enum ItemStatus {
			OPEN, REQUESTED, CLOSED
		}

		static Item open(String description) {
			return new Item(description, ItemStatus.OPEN, null, null, null, null, null, 0, null);
		}

	}

	/**
	 * 越级访: a petitioner may go to the level with jurisdiction or the one above it; reaching beyond that
	 * skips a level.
	 */
	static boolean skipsALevel(Level jurisdiction, Level reached) {
		return reached.ordinal() > jurisdiction.ordinal() + 1;
	}

	/**
	 * Whether the item's state lets {@code username} take the step now: a close-out is requested on an open item, approved
	 * (never by its requester) or returned while requested, and a closed item is reopened. Who holds the right is the
	 * policy's to say ({@code PetitionSteps}).
	 */
	boolean allows(Step step, int index, String username) {
		if (index < 0 || index >= items.size()) {
			return false;
		}
		Item i = items.get(index);
		return switch (step) {
			case REQUEST -> i.status() == Item.ItemStatus.OPEN;
			case APPROVE -> i.status() == Item.ItemStatus.REQUESTED && !username.equals(i.requestedBy());
			case RETURN -> i.status() == Item.ItemStatus.REQUESTED;
			case REOPEN -> i.status() == Item.ItemStatus.CLOSED;
		};
	}

	private Item item(int index) {
		if (index < 0 || index >= items.size()) {
			throw new InputRejected("item", "petition.item.unknown");
		}
		return items.get(index);
	}

	/** A step on an item its status does not allow is a conflict with the ledger as it stands, not bad input. */
	private void require(String step, Item item, Item.ItemStatus allowed) {
		if (item.status() != allowed) {
			throw new StepNotAllowed(step, item.status().name(), "petition.item." + item.status().name(), "petition", id);
		}
	}

	void requestClose(int index, String evidence, String by, LocalDate on) {
		Item i = item(index);
		require("petition.step.request", i, Item.ItemStatus.OPEN);
		items.set(index, new Item(i.description(), Item.ItemStatus.REQUESTED, evidence, by, on, null, null, i.reopened(), null));
	}

	/** Approves a requested close-out; someone other than the requester approves. Returns whether the petition closed. */
	boolean approve(int index, String by, LocalDate on) {
		Item i = item(index);
		require("petition.step.approve", i, Item.ItemStatus.REQUESTED);
		if (by.equals(i.requestedBy())) {
			throw new InputRejected("item", "petition.item.selfApproval");
		}
		items.set(index, new Item(i.description(), Item.ItemStatus.CLOSED, i.evidence(), i.requestedBy(), i.requestedOn(), by, on,
				i.reopened(), i.note()));
		if (items.stream().allMatch(x -> x.status() == Item.ItemStatus.CLOSED)) {
			status = Status.CLOSED;
			closedOn = on;
			return true;
		}
		return false;
	}

	/** Sends a requested close-out back with the reason. */
	void returnRequest(int index, String note) {
		Item i = item(index);
		require("petition.step.return", i, Item.ItemStatus.REQUESTED);
		items.set(index, new Item(i.description(), Item.ItemStatus.OPEN, i.evidence(), null, null, null, null, i.reopened(), note));
	}

	/** The matter came back: the item opens again, and so does the petition. */
	void reopen(int index, String note) {
		Item i = item(index);
		require("petition.step.reopen", i, Item.ItemStatus.CLOSED);
		items.set(index, new Item(i.description(), Item.ItemStatus.OPEN, i.evidence(), null, null, null, null, i.reopened() + 1, note));
		if (status == Status.CLOSED) {
			status = Status.OPEN;
			closedOn = null;
			reopenCount++;
		}
	}

	void addItem(String description) {
		items.add(Item.open(description));
		if (status == Status.CLOSED) {
			status = Status.OPEN;
			closedOn = null;
			reopenCount++;
		}
	}

	public Long getId() {
		return id;
	}

	public String getCaseNumber() {
		return caseNumber;
	}

	public Form getForm() {
		return form;
	}

	public LocalDate getReceivedOn() {
		return receivedOn;
	}

	public int getHeadcount() {
		return headcount;
	}

	public String getMatter() {
		return matter;
	}

	public Category getCategory() {
		return category;
	}

	public Long getRegionId() {
		return regionId;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public Level getJurisdiction() {
		return jurisdiction;
	}

	public Level getLevelReached() {
		return levelReached;
	}

	public boolean isLeapfrog() {
		return leapfrog;
	}

	public Long getRepeatOf() {
		return repeatOf;
	}

	public String getOwnerUsername() {
		return ownerUsername;
	}

	public LocalDate getDueOn() {
		return dueOn;
	}

	public Status getStatus() {
		return status;
	}

	public LocalDate getClosedOn() {
		return closedOn;
	}

	public int getReopenCount() {
		return reopenCount;
	}

	public Integer getVersion() {
		return version;
	}

	public List<Petitioner> getPetitioners() {
		return List.copyOf(petitioners);
	}

	public List<Item> getItems() {
		return List.copyOf(items);
	}

}

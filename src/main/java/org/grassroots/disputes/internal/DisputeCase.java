package org.grassroots.disputes.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.shell.StepNotAllowed;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A dispute case with its parties, mediators and sessions. Its status changes only through the methods
 * below, each of which checks the step is allowed from where the case stands.
 */
@Table("disputes_case")
public class DisputeCase {

	public enum Source {
		SCREENING, VISIT, APPEAL, WALK_IN, REFERRAL
	}

	public enum Risk {
		LOW, MEDIUM, HIGH
	}

	/** Where a case is handled: the village, or the township (boundary and serious cases). */
	public enum Level {
		VILLAGE, TOWNSHIP
	}

	public enum Referral {
		COURT, ARBITRATION, DEPARTMENT
	}

	@Id
	Long id;
	String caseNumber;
	Source source;
	String sourceRef;
	DisputeType type;
	Risk risk;
	String summary;
	String placeText;
	Long regionId;
	String regionPath;
	Level level;
	Long partnerRegionId;
	String partnerRegionPath;
	String committee;
	DisputeStatus status;
	String outcomeNote;
	String agreementText;
	Referral referredTo;
	LocalDate receivedOn;
	LocalDate closedOn;
	LocalDate followUpDue;
	LocalDate followUpOn;
	Boolean followUpHolds;
	String followUpNote;
	int reopenCount;
	String createdBy;
	Instant createdAt;
	@Version
	Integer version;
	@MappedCollection(idColumn = "case_id", keyColumn = "party_key")
	List<Party> parties = new ArrayList<>();
	@MappedCollection(idColumn = "case_id", keyColumn = "mediator_key")
	List<Mediator> mediators = new ArrayList<>();
	@MappedCollection(idColumn = "case_id", keyColumn = "session_key")
	List<Session> sessions = new ArrayList<>();

	/**
	 * A party: a resident of the registry (linked by id, name and address copied from it when picked) or someone outside
	 * it (外来人员/非登记人员: name, phone and address as typed).
	 */
	@Table("disputes_party")
	public record Party(Role role, Long residentId, String name, String address, String phoneCipher, String phoneHash,
			String phoneMasked) {

		public enum Role {
			APPLICANT, RESPONDENT, OTHER
		}

		/** Whether the party is a resident of the registry (else 外来人员/非登记人员). */
		public boolean registered() {
			return residentId != null;
		}

	}

	/**
	 * A mediator as named on the case: a member of a people's mediation committee (MEDIATOR, the only kind that signs as
	 * 人民调解员), one of the 三官一师 roster, or a cadre with an account, who signs with their own standing ({@code role},
	 * the account's role when named). {@code organisation} is the roster entry's: the committee, the court, the law firm.
	 */
	@Table("disputes_mediator")
	public record Mediator(Kind kind, String username, Long professionalId, String name, String role, String organisation) {

		public enum Kind {
			MEDIATOR, CADRE, JUDGE, PROSECUTOR, POLICE, LAWYER, OTHER
		}

		/** Whether this mediator is a people's mediator (人民调解员): a member of a mediation committee. */
		public boolean peoplesMediator() {
			return kind == Kind.MEDIATOR;
		}

	}

	@Table("disputes_session")
	public record Session(LocalDate heldOn, Kind kind, String place, String attendees, String minutes, String recordedBy) {

		/** 邻里小院, 屋场会, 边界联调, a hearing at the mediation committee, or a visit to the parties. */
		public enum Kind {
			NEIGHBOUR_YARD, HOUSE_MEETING, BOUNDARY_JOINT, COMMITTEE_HEARING, HOME_VISIT
		}

	}

	public Long getId() {
		return id;
	}

	public String getCaseNumber() {
		return caseNumber;
	}

	public Source getSource() {
		return source;
	}

	public String getSourceRef() {
		return sourceRef;
	}

	public DisputeType getType() {
		return type;
	}

	public Risk getRisk() {
		return risk;
	}

	public String getSummary() {
		return summary;
	}

	public String getPlaceText() {
		return placeText;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public Long getRegionId() {
		return regionId;
	}

	public Level getLevel() {
		return level;
	}

	public String getPartnerRegionPath() {
		return partnerRegionPath;
	}

	public Long getPartnerRegionId() {
		return partnerRegionId;
	}

	public String getCommittee() {
		return committee;
	}

	public DisputeStatus getStatus() {
		return status;
	}

	public String getOutcomeNote() {
		return outcomeNote;
	}

	public String getAgreementText() {
		return agreementText;
	}

	public Referral getReferredTo() {
		return referredTo;
	}

	public LocalDate getReceivedOn() {
		return receivedOn;
	}

	public LocalDate getClosedOn() {
		return closedOn;
	}

	public LocalDate getFollowUpDue() {
		return followUpDue;
	}

	public LocalDate getFollowUpOn() {
		return followUpOn;
	}

	public Boolean getFollowUpHolds() {
		return followUpHolds;
	}

	public String getFollowUpNote() {
		return followUpNote;
	}

	public int getReopenCount() {
		return reopenCount;
	}

	public String getCreatedBy() {
		return createdBy;
	}

	public Integer getVersion() {
		return version;
	}

	public List<Party> getParties() {
		return List.copyOf(parties);
	}

	public List<Mediator> getMediators() {
		return List.copyOf(mediators);
	}

	public List<Session> getSessions() {
		return List.copyOf(sessions);
	}

	/** A party joins (a case raised from a visit or an appeal has none yet) while the case is still being worked on. */
	void join(Party party) {
		require("dispute.step.party", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		parties.add(party);
	}

	/** A mediator joins while the case is still being worked on. */
	void add(Mediator mediator) {
		require("dispute.step.mediator", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		mediators.add(mediator);
	}

	/** A sitting: the first one moves an open case into mediation. */
	DisputeStatus hold(Session session) {
		DisputeStatus from = require("dispute.step.session", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		sessions.add(session);
		status = DisputeStatus.MEDIATING;
		return from;
	}

	DisputeStatus settle(String agreement, LocalDate on, int followUpDays) {
		DisputeStatus from = require("dispute.step.close", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		status = DisputeStatus.SETTLED;
		agreementText = agreement;
		closedOn = on;
		followUpDue = on.plusDays(followUpDays);
		followUpOn = null;
		followUpHolds = null;
		followUpNote = null;
		return from;
	}

	DisputeStatus fail(String note, LocalDate on) {
		DisputeStatus from = require("dispute.step.close", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		status = DisputeStatus.NOT_SETTLED;
		outcomeNote = note;
		closedOn = on;
		return from;
	}

	DisputeStatus refer(Referral to, String note, LocalDate on) {
		DisputeStatus from = require("dispute.step.close", DisputeStatus.OPEN, DisputeStatus.MEDIATING);
		status = DisputeStatus.REFERRED;
		referredTo = to;
		outcomeNote = note;
		closedOn = on;
		return from;
	}

	/** The follow-up visit: if the agreement does not hold, the case goes back to mediation. */
	DisputeStatus followUp(boolean holds, String note, LocalDate on) {
		DisputeStatus from = require("dispute.step.followUp", DisputeStatus.SETTLED);
		followUpOn = on;
		followUpHolds = holds;
		followUpNote = note;
		if (!holds) {
			status = DisputeStatus.MEDIATING;
			closedOn = null;
			reopenCount++;
		}
		return from;
	}

	private DisputeStatus require(String step, DisputeStatus... allowed) {
		for (DisputeStatus s : allowed) {
			if (s == status) {
				return status;
			}
		}
		throw new StepNotAllowed(step, status.name(), status.messageKey(), "dispute", id);
	}

}

package org.grassroots.registry.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A resident (居民). ID and phone numbers are kept only encrypted, hashed and masked. */
@Table("registry_resident")
public class Resident {

	public enum Gender {
		MALE, FEMALE
	}

	public enum Relation {
		HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, GRANDPARENT, SIBLING, CHILD_IN_LAW, OTHER
	}

	public enum PoliticalStatus {
		PARTY_MEMBER, PROBATIONARY_MEMBER, LEAGUE_MEMBER, OTHER_PARTY, MASSES
	}

	public enum Status {
		PRESENT, AWAY, MOVED_OUT, DECEASED
	}

	@Id
	Long id;
	Long householdId;
	String regionPath;
	String name;
	Gender gender;
	LocalDate birthDate;
	String idNumberCipher;
	String idNumberHash;
	String idNumberMasked;
	String phoneCipher;
	String phoneHash;
	String phoneMasked;
	Relation relation;
	String ethnicity;
	PoliticalStatus politicalStatus;
	Status status = Status.PRESENT;
	Instant createdAt;
	Instant updatedAt;
	@Version
	Integer version;
	@MappedCollection(idColumn = "resident_id")
	Set<Tag> tags = new java.util.HashSet<>();

	@Table("registry_resident_tag")
	public record Tag(String tagCode) {
	}

	public Long getId() {
		return id;
	}

	public Long getHouseholdId() {
		return householdId;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public String getName() {
		return name;
	}

	public Gender getGender() {
		return gender;
	}

	public LocalDate getBirthDate() {
		return birthDate;
	}

	public int getBirthYear() {
		return birthDate.getYear();
	}

	public int getAge() {
		return Period.between(birthDate, LocalDate.now()).getYears();
	}

	public String getIdNumberMasked() {
		return idNumberMasked;
	}

	public String getPhoneMasked() {
		return phoneMasked;
	}

	public Relation getRelation() {
		return relation;
	}

	public String getEthnicity() {
		return ethnicity;
	}

	public PoliticalStatus getPoliticalStatus() {
		return politicalStatus;
	}

	public Status getStatus() {
		return status;
	}

	public Integer getVersion() {
		return version;
	}

	public Set<String> getTagCodes() {
		return tags.stream().map(Tag::tagCode).collect(Collectors.toCollection(TreeSet::new));
	}

	void setTagCodes(Set<String> codes) {
		tags = codes.stream().map(Tag::new).collect(Collectors.toSet());
	}

	/** What the audit trail keeps: personal numbers only in their masked form. */
	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("householdId", householdId);
		s.put("name", name);
		s.put("gender", gender);
		s.put("birthYear", birthDate == null ? null : birthDate.getYear());
		s.put("idNumber", idNumberMasked);
		s.put("phone", phoneMasked);
		s.put("relation", relation);
		s.put("ethnicity", ethnicity);
		s.put("politicalStatus", politicalStatus);
		s.put("status", status);
		s.put("tags", getTagCodes());
		return s;
	}

}

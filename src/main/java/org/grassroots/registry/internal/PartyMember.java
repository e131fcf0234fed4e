package org.grassroots.registry.internal;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A party member: a resident in a branch, and the households they serve (党员联系户). */
@Table("registry_party_member")
public class PartyMember {

	public static final int MIN_TARGET = 5;
	public static final int MAX_TARGET = 10;

	@Id
	Long id;
	Long residentId;
	Long orgId;
	String regionPath;
	LocalDate joinedOn;
	String posts;
	boolean mobile;
	int targetHouseholds = MIN_TARGET;
	@Version
	Integer version;
	@MappedCollection(idColumn = "member_id")
	Set<ServedHousehold> households = new HashSet<>();

	@Table("registry_member_household")
	public record ServedHousehold(Long householdId) {
	}

	public Long getId() {
		return id;
	}

	public Long getResidentId() {
		return residentId;
	}

	public Long getOrgId() {
		return orgId;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public LocalDate getJoinedOn() {
		return joinedOn;
	}

	public String getPosts() {
		return posts;
	}

	public boolean isMobile() {
		return mobile;
	}

	public int getTargetHouseholds() {
		return targetHouseholds;
	}

	public Integer getVersion() {
		return version;
	}

	public Set<Long> getHouseholdIds() {
		return households.stream().map(ServedHousehold::householdId).collect(Collectors.toCollection(TreeSet::new));
	}

	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("residentId", residentId);
		s.put("orgId", orgId);
		s.put("joinedOn", joinedOn == null ? null : joinedOn.toString());
		s.put("posts", posts);
		s.put("mobile", mobile);
		s.put("targetHouseholds", targetHouseholds);
		s.put("households", getHouseholdIds());
		return s;
	}

}

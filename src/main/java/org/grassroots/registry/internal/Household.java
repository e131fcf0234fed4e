package org.grassroots.registry.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A household (户): a door on a grid (or a 邻 below it), its head and members. */
@Table("registry_household")
public class Household {

	public enum Status {

		RESIDENT, AWAY, MOVED_OUT;

		public String messageKey() {
			return "household.status." + name();
		}

	}

	@Id
	Long id;
	Long regionId;
	String regionPath;
	String address;
	Status status = Status.RESIDENT;
	Long headResidentId;
	Double latitude;
	Double longitude;
	Instant createdAt;
	Instant updatedAt;
	@Version
	Integer version;
	@MappedCollection(idColumn = "household_id")
	Set<Tag> tags = new java.util.HashSet<>();

	@Table("registry_household_tag")
	public record Tag(String tagCode) {
	}

	public Long getId() {
		return id;
	}

	public Long getRegionId() {
		return regionId;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public String getAddress() {
		return address;
	}

	public Status getStatus() {
		return status;
	}

	public Long getHeadResidentId() {
		return headResidentId;
	}

	public Double getLatitude() {
		return latitude;
	}

	public Double getLongitude() {
		return longitude;
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

	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("regionId", regionId);
		s.put("address", address);
		s.put("status", status);
		s.put("headResidentId", headResidentId);
		s.put("latitude", latitude);
		s.put("longitude", longitude);
		s.put("tags", getTagCodes());
		return s;
	}

}

package org.grassroots.registry.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A node of the party tree: 党委 → 党总支/党支部 → 网格党支部/党小组, bound to a region node. */
@Table("registry_party_org")
public class PartyOrganisation {

	public enum Type {

		COMMITTEE, GENERAL_BRANCH, BRANCH, GRID_BRANCH, GROUP;

		public boolean mayFollow(Type parent) {
			return switch (this) {
				case COMMITTEE -> parent == null || parent == COMMITTEE;
				case GENERAL_BRANCH, BRANCH -> parent == COMMITTEE || parent == GENERAL_BRANCH;
				case GRID_BRANCH -> parent == GENERAL_BRANCH || parent == BRANCH;
				case GROUP -> parent == BRANCH || parent == GENERAL_BRANCH || parent == GRID_BRANCH;
			};
		}

		public String messageKey() {
			return "party.type." + name();
		}

	}

	@Id
	Long id;
	String name;
	Type type;
	Long parentId;
	String path;
	Long regionId;
	String regionPath;
	String secretaryName;
	@Version
	Integer version;

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public Type getType() {
		return type;
	}

	public Long getParentId() {
		return parentId;
	}

	public String getPath() {
		return path;
	}

	public Long getRegionId() {
		return regionId;
	}

	public String getRegionPath() {
		return regionPath;
	}

	public String getSecretaryName() {
		return secretaryName;
	}

	public Integer getVersion() {
		return version;
	}

	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("name", name);
		s.put("type", type);
		s.put("parentId", parentId);
		s.put("regionId", regionId);
		s.put("secretaryName", secretaryName);
		return s;
	}

}

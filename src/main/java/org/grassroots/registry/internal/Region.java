package org.grassroots.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A node of the region tree. {@code path} is the materialised path of codes
 * ({@code /620799000000/620799100000/…/}), so that a subtree is one prefix match.
 */
@Table("registry_region")
public class Region {

	@Id
	Long id;
	String code;
	String name;
	RegionType type;
	Long parentId;
	String path;
	int depth;
	String boundary;
	Double centreLat;
	Double centreLon;
	@Version
	Integer version;
	@MappedCollection(idColumn = "region_id", keyColumn = "region_key")
	List<RegionDuty> duties = new ArrayList<>();

	public static Region under(Region parent, String code, String name, RegionType type) {
		Region r = new Region();
		r.code = code;
		r.name = name;
		r.type = type;
		r.parentId = parent == null ? null : parent.id;
		r.path = (parent == null ? "/" : parent.path) + code + "/";
		r.depth = parent == null ? 0 : parent.depth + 1;
		return r;
	}

	public RegionNode toNode() {
		return new RegionNode(id, code, name, type, path, depth, parentId, centreLat, centreLon);
	}

	public Long getId() {
		return id;
	}

	public String getCode() {
		return code;
	}

	public String getName() {
		return name;
	}

	public RegionType getType() {
		return type;
	}

	public Long getParentId() {
		return parentId;
	}

	public String getPath() {
		return path;
	}

	public int getDepth() {
		return depth;
	}

	public String getBoundary() {
		return boundary;
	}

	public Double getCentreLat() {
		return centreLat;
	}

	public Double getCentreLon() {
		return centreLon;
	}

	public Integer getVersion() {
		return version;
	}

	public List<RegionDuty> getDuties() {
		return duties;
	}

	Map<String, Object> snapshot() {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("code", code);
		s.put("name", name);
		s.put("type", type);
		s.put("centreLat", centreLat);
		s.put("centreLon", centreLon);
		s.put("boundary", boundary == null ? null : boundary.length() + " chars");
		s.put("duties", duties.stream().map(d -> d.duty() + ":" + d.personName() + ":" + d.phoneMasked()).toList());
		return s;
	}

}

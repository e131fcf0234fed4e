package org.grassroots.access;

/** The roles of the product; what each may do is the editable role → permission table. */
public enum Role {

	ADMIN, COUNTY_STAFF, TOWNSHIP_LEADER, TOWNSHIP_STAFF, DEPARTMENT_STAFF, VILLAGE_CADRE, GRID_WORKER, SUPERVISOR;

	public String messageKey() {
		return "role." + name();
	}

}

package org.grassroots.registry;

/** The levels of the region tree, top to bottom. 片/组/邻 (三长制) are optional below a grid. */
public enum RegionType {

	COUNTY, TOWNSHIP, VILLAGE, COMMUNITY, GRID, SECTION, GROUP, BLOCK;

	/** Whether a node of this type may hang under a parent of the given type. */
	public boolean mayFollow(RegionType parent) {
		return switch (this) {
			case COUNTY -> parent == null;
			case TOWNSHIP -> parent == COUNTY;
			case VILLAGE, COMMUNITY -> parent == TOWNSHIP;
			case GRID -> parent == VILLAGE || parent == COMMUNITY;
			case SECTION -> parent == GRID;
			case GROUP -> parent == GRID || parent == SECTION;
			case BLOCK -> parent == GROUP;
		};
	}

	/** Households hang on a grid or a node below it. */
	public boolean holdsHouseholds() {
		return this == GRID || this == SECTION || this == GROUP || this == BLOCK;
	}

	public String messageKey() {
		return "region.type." + name();
	}

}

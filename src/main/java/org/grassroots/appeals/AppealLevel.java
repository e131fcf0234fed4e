package org.grassroots.appeals;

/** The level holding an appeal, and the level that resolved it: 小事不出村、大事不出乡. */
public enum AppealLevel {

	VILLAGE(2), TOWNSHIP(1), COUNTY(0);

	private final int depth;

	AppealLevel(int depth) {
		this.depth = depth;
	}

	/** The depth of the region tree this level sits at (county 0). */
	public int depth() {
		return depth;
	}

}

package org.grassroots.disputes;

/** What a dispute is about. */
public enum DisputeType {

	NEIGHBOUR, MARRIAGE_FAMILY, LAND_BOUNDARY, LABOUR, CONTRACT, OTHER;

	public String messageKey() {
		return "dispute.type." + name();
	}

}

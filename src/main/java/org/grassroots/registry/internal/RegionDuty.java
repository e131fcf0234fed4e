package org.grassroots.registry.internal;

import org.springframework.data.relational.core.mapping.Table;

/** A person assigned to a region node: grid worker, 片长, 组长, 邻长, village secretary … */
@Table("registry_region_duty")
public record RegionDuty(Duty duty, String personName, Long residentId, String phoneCipher, String phoneMasked) {

	public enum Duty {

		TOWNSHIP_SECRETARY, VILLAGE_SECRETARY, VILLAGE_DIRECTOR, GRID_WORKER, GRID_ASSISTANT, SECTION_LEADER, GROUP_LEADER,
		BLOCK_LEADER;

		public String messageKey() {
			return "region.duty." + name();
		}

	}

}

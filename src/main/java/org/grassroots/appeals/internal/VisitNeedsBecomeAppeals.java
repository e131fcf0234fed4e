package org.grassroots.appeals.internal;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.fieldwork.VisitNeedReported;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A need found on a visit becomes a grid worker's appeal, in the visit's transaction. */
@Component
class VisitNeedsBecomeAppeals {

	private final AppealHandling handling;
	private final AppealCategories categories;
	private final RegionTree regions;

	VisitNeedsBecomeAppeals(AppealHandling handling, AppealCategories categories, RegionTree regions) {
		this.handling = handling;
		this.categories = categories;
		this.regions = regions;
	}

	@EventListener
	void on(VisitNeedReported need) {
		var category = categories.find(need.categoryCode())
			.orElseThrow(() -> new InputRejected("appealCategory", "appeal.category.unknown"));
		var region = regions.byCode(need.regionCode()).orElseThrow();
		Appeal appeal = handling.newAppeal(AppealChannel.GRID, category, region, need.description(),
				"visit " + need.visitId(), null, null, need.visitor());
		handling.create(appeal, need.visitor());
	}

}

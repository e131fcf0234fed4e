package org.grassroots.appeals.internal;

import java.util.List;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.fieldwork.VisitNeedReported;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A need found on a visit, or an incident reported on a patrol, becomes a grid worker's appeal in the visit's
 * transaction: checked by the intake rules every channel shares, its problems named by the visit form's fields (so the
 * visit is refused with them, and nothing of it is kept).
 */
@Component
class VisitNeedsBecomeAppeals {

	private final AppealHandling handling;
	private final IntakeRules rules;
	private final RegionTree regions;

	VisitNeedsBecomeAppeals(AppealHandling handling, IntakeRules rules, RegionTree regions) {
		this.handling = handling;
		this.rules = rules;
		this.regions = regions;
	}

	@EventListener
	void on(VisitNeedReported need) {
		var checked = rules.check(IntakeRules.Draft.of(AppealChannel.GRID, need.categoryCode(), need.description()));
		List<FieldProblem> problems = checked.problems().stream().map(p -> new FieldProblem(
				switch (p.field()) {
					case "categoryCode" -> "appealCategory";
					case "description" -> "needs";
					default -> p.field();
				}, p.messageKey(), p.args())).toList();
		if (!problems.isEmpty()) {
			throw new InputRejected(problems);
		}
		var region = regions.byCode(need.regionCode()).orElseThrow();
		handling.create(AppealIntake.of(AppealChannel.GRID, need.description(), need.visitor())
			.place("visit " + need.visitId(), null, null), checked.category().orElseThrow(), region);
	}

}

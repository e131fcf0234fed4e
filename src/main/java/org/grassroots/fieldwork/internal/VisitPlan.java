package org.grassroots.fieldwork.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.registry.HouseholdDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which key-group households are due a visit: each care tag has an interval (空巢老人 and 独居 weekly,
 * 低保 monthly …, configurable), and a household is due when its last visit is older than the
 * shortest interval of its residents' tags. Intervals are kept with the tags (the registry's tags page).
 */
@Component
public class VisitPlan {

	private final HouseholdDirectory households;
	private final JdbcClient jdbc;
	VisitPlan(HouseholdDirectory households, JdbcClient jdbc) {
		this.households = households;
		this.jdbc = jdbc;
	}

	public record DueHousehold(long householdId, String address, String regionCode, Set<String> tags, int intervalDays,
			Instant lastVisit, long overdueDays) {
	}

	public List<DueHousehold> due(CurrentUser user, Instant now) {
		return due(user, user.regionPath(), now);
	}

	/** As {@link #due(CurrentUser, Instant)}, beneath one node of the caller's scope only (the one a page shows). */
	public List<DueHousehold> due(CurrentUser user, String path, Instant now) {
		return due(user, path, now, households.keyGroups(user, path));
	}

	/** As {@link #due(CurrentUser, String, Instant)}, with the node's key-group households already read by the caller. */
	List<DueHousehold> due(CurrentUser user, String path, Instant now, List<HouseholdDirectory.KeyGroupHousehold> keyGroups) {
		user.require(Permission.FIELDWORK_READ);
		user.requireInScope(path);
		Map<Long, Instant> lastVisits = new HashMap<>();
		jdbc.sql("SELECT household_id, MAX(visited_at) FROM fieldwork_visit WHERE household_id IS NOT NULL AND region_path LIKE :p GROUP BY household_id")
			.param("p", path + "%")
			.query((rs, i) -> lastVisits.put(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list();
		List<DueHousehold> due = new ArrayList<>();
		Map<String, Integer> intervals = households.visitIntervals();
		for (var h : keyGroups) {
			int interval = intervalDays(intervals, h.tags());
			if (interval == 0) {
				continue;
			}
			Instant last = lastVisits.get(h.id());
			Instant dueAt = last == null ? Instant.EPOCH : last.plus(Duration.ofDays(interval));
			if (!dueAt.isAfter(now)) {
				long overdue = last == null ? interval : Duration.between(dueAt, now).toDays();
				due.add(new DueHousehold(h.id(), h.address(), h.regionCode(), h.tags(), interval, last, overdue));
			}
		}
		due.sort(Comparator.comparingLong(DueHousehold::overdueDays).reversed().thenComparing(DueHousehold::address));
		return due;
	}

	/** The shortest interval of the tags that have one, 0 when none does. */
	static int intervalDays(Map<String, Integer> intervals, Set<String> tags) {
		return tags.stream().filter(intervals::containsKey).mapToInt(intervals::get).min().orElse(0);
	}

	/** Each due household's tags named in a language, joined ("空巢老人、独居"), for the pages that list them. */
	public Map<Long, String> tagLabels(List<DueHousehold> due, java.util.Locale locale) {
		Map<String, String> names = households.tagNames(locale);
		Map<Long, String> labels = new HashMap<>();
		due.forEach(d -> labels.put(d.householdId(), String.join("、", d.tags().stream().map(t -> names.getOrDefault(t, t)).toList())));
		return labels;
	}

}

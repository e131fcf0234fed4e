package org.grassroots.disputes.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.grassroots.access.AccountDirectory;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.springframework.stereotype.Component;

/**
 * Who may be named mediator on a case, in the order a case is mediated: first the members of the case's own people's
 * mediation committee (the village's for a village case, the township's for a township one), then the other committees
 * above it (and the partner township's on a boundary case), then the 三官一师 closest to the place (the village's, the
 * township's, the county's), and last the cadres with an account whose scope reaches the case, closest first. Only the
 * committees' members sign as 人民调解员; the others sign with their own standing. Those already named are left out.
 */
@Component
public class MediatorChoices {

	/** Roles whose accounts do not mediate: a department answers whistles, an admin runs the system, a supervisor watches. */
	private static final Set<Role> NOT_MEDIATING = Set.of(Role.DEPARTMENT_STAFF, Role.ADMIN, Role.SUPERVISOR);

	/** One person to pick: {@code value} is {@code roster:<id>} or {@code account:<username>}. */
	public record Choice(String value, String name, String titleKey, String organisation) {
	}

	/** A labelled group of the list ({@code <optgroup>}): {@code labelKey} with the committee's place as its argument. */
	public record Group(String labelKey, String place, List<Choice> choices) {
	}

	private final Professionals roster;
	private final AccountDirectory people;
	private final RegionTree regions;

	MediatorChoices(Professionals roster, AccountDirectory people, RegionTree regions) {
		this.roster = roster;
		this.people = people;
		this.regions = regions;
	}

	public List<Group> offered(CurrentUser user, DisputeCase c) {
		user.require(Permission.DISPUTE_READ);
		String home = committeeHome(c);
		Set<Long> namedRoster = new java.util.HashSet<>();
		Set<String> namedAccounts = new java.util.HashSet<>();
		c.mediators.forEach(m -> {
			if (m.professionalId() != null) {
				namedRoster.add(m.professionalId());
			}
			if (m.username() != null) {
				namedAccounts.add(m.username());
			}
		});
		List<Professionals.Professional> serving = roster.serving(c.regionPath, c.partnerRegionPath).stream()
			.filter(p -> !namedRoster.contains(p.id()))
			.toList();

		// committees: the case's own first, then the others deepest first
		Map<String, List<Professionals.Professional>> committees = new LinkedHashMap<>();
		serving.stream()
			.filter(p -> p.kind() == Professionals.Kind.MEDIATOR)
			.sorted(Comparator.comparing((Professionals.Professional p) -> !p.regionPath().equals(home))
				.thenComparing(p -> -depth(p.regionPath()))
				.thenComparing(Professionals.Professional::regionPath)
				.thenComparing(Professionals.Professional::name))
			.forEach(p -> committees.computeIfAbsent(p.regionPath(), k -> new ArrayList<>()).add(p));
		List<Group> groups = new ArrayList<>();
		committees.forEach((path, members) -> groups.add(new Group("dispute.mediator.group.committee", placeName(path),
				members.stream().map(MediatorChoices::choice).toList())));

		List<Choice> professionals = serving.stream()
			.filter(p -> p.kind() != Professionals.Kind.MEDIATOR)
			.sorted(Comparator.comparing((Professionals.Professional p) -> -depth(p.regionPath()))
				.thenComparing(Professionals.Professional::kind)
				.thenComparing(Professionals.Professional::name))
			.map(MediatorChoices::choice)
			.toList();
		if (!professionals.isEmpty()) {
			groups.add(new Group("dispute.mediator.group.roster", null, professionals));
		}

		Map<String, AccountDirectory.Person> reaching = new LinkedHashMap<>();
		people.reaching(c.regionPath).forEach(p -> reaching.putIfAbsent(p.username(), p));
		if (c.partnerRegionPath != null) {
			people.reaching(c.partnerRegionPath).forEach(p -> reaching.putIfAbsent(p.username(), p));
		}
		List<Choice> cadres = reaching.values().stream()
			.filter(p -> p.enabled() && !NOT_MEDIATING.contains(p.role()) && !namedAccounts.contains(p.username()))
			.sorted(Comparator.comparing((AccountDirectory.Person p) -> -depth(p.regionPath()))
				.thenComparing(AccountDirectory.Person::regionPath)
				.thenComparing(AccountDirectory.Person::displayName))
			.map(p -> new Choice("account:" + p.username(), p.displayName(), "role." + p.role().name(), null))
			.toList();
		if (!cadres.isEmpty()) {
			groups.add(new Group("dispute.mediator.group.cadres", null, cadres));
		}
		return groups;
	}

	/** The node whose committee handles the case: its township for a township case, else its village (or community). */
	static String committeeHome(DisputeCase c) {
		String[] codes = c.regionPath.substring(1).split("/");
		int depth = c.level == DisputeCase.Level.TOWNSHIP ? 2 : 3;
		StringBuilder path = new StringBuilder("/");
		for (int i = 0; i < Math.min(depth, codes.length); i++) {
			path.append(codes[i]).append('/');
		}
		return path.toString();
	}

	private String placeName(String path) {
		String[] codes = path.substring(1).split("/");
		return regions.byCode(codes[codes.length - 1]).map(RegionNode::name).orElse(path);
	}

	private static int depth(String path) {
		return (int) path.chars().filter(ch -> ch == '/').count();
	}

	private static Choice choice(Professionals.Professional p) {
		return new Choice("roster:" + p.id(), p.name(), "dispute.mediator." + p.kind().name(), p.organisation());
	}

}

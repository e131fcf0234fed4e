package org.grassroots.dashboard.web;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.grassroots.access.CurrentUser;
import org.grassroots.dashboard.internal.AppealFigures;
import org.grassroots.dashboard.internal.AppealFigures.Stats;
import org.grassroots.dashboard.internal.DashboardPeriod;
import org.grassroots.dashboard.internal.DashboardPeriod.Range;
import org.grassroots.dashboard.internal.FigureFormat;
import org.grassroots.disputes.DisputeSummaries;
import org.grassroots.fieldwork.FieldworkFigures;
import org.grassroots.petitions.PetitionSummaries;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The cards of the dashboard, each module's under its own heading, all counted over the page's one period and written
 * by one {@link FigureFormat}: a rate with its 环比 and 同比 in percentage points, a count with its difference and
 * change in percent. A card that is a state at a moment (the overdue now) says so instead of a period.
 */
@Component
class DashboardSections {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

	private final AppealFigures figures;

	private final FieldworkFigures fieldwork;

	private final DisputeSummaries disputes;

	private final PetitionSummaries petitions;

	private final MessageSource messages;

	DashboardSections(AppealFigures figures, FieldworkFigures fieldwork, DisputeSummaries disputes, PetitionSummaries petitions,
			MessageSource messages) {
		this.figures = figures;
		this.fieldwork = fieldwork;
		this.disputes = disputes;
		this.petitions = petitions;
		this.messages = messages;
	}

	/** One comparison of a card: 环比 or 同比, the change, and the figure then as shown (上期 or 去年同期) with its dates. */
	record Comparison(String id, String label, String range, String thenLabel, String then, String change) {
	}

	/** One card: its figure as shown, what it is, the period it counts (or the day it stands at), where it leads. */
	record Card(String id, String value, String label, String period, String href, List<Comparison> comparisons, boolean alert) {
	}

	/** The cards of one module under its heading; {@code lines} are a module's further figures (信访 by form). */
	record Section(String id, String title, List<Card> cards, List<Line> lines) {
	}

	/** A line of figures beside last year's (a petition form): what it is and its changes. */
	record Line(String id, String label, String counts, String batchesChange, String headcountChange) {
	}

	/** The sections of every module the user may read, for the region and the period. */
	List<Section> of(CurrentUser user, Stats now, Optional<Stats> previous, Stats lastYear, DashboardPeriod period, Locale locale) {
		FigureFormat f = new FigureFormat(messages, locale);
		String label = periodLabel(period, locale);
		List<Section> sections = new ArrayList<>();
		sections.add(appeals(now, previous, lastYear, period, label, f, locale));
		String region = now.region();
		Optional<Range> before = period.previous();
		disputes.of(user, region, period.from(), period.to()).ifPresent(d -> sections.add(disputes(d,
				before.flatMap(r -> disputes.of(user, region, r.from(), r.to())),
				disputes.of(user, region, period.lastYear().from(), period.lastYear().to()).orElseThrow(), region, period, label, f,
				locale)));
		petitions.of(user, region, period.from(), period.to()).ifPresent(p -> sections.add(petitions(p,
				before.flatMap(r -> petitions.of(user, region, r.from(), r.to())),
				petitions.of(user, region, period.lastYear().from(), period.lastYear().to()).orElseThrow(), region, period, label, f,
				locale)));
		// field work is not compared: its figures are worked out from every household and assignment of the scope,
		// about a second for the demo county, and a comparison would cost that twice more on every page
		fieldwork.of(user, region, period.from(), period.to()).ifPresent(w -> sections.add(fieldwork(w, region, period, label, f, locale)));
		return sections;
	}

	/** The period's short name for a card: 本月, 本季度, 本年, or the dates of a custom period. */
	String periodLabel(DashboardPeriod period, Locale locale) {
		if (period.kind() == DashboardPeriod.Kind.CUSTOM) {
			return period.from().equals(period.to()) ? period.from().toString() : range(period.range(), locale);
		}
		return messages.getMessage("dashboard.period." + period.kind().code(), null, locale);
	}

	/** The whole period in words, with what it is compared with. */
	String periodLine(DashboardPeriod period, Locale locale) {
		String line = period.kind() == DashboardPeriod.Kind.CUSTOM
				? messages.getMessage("dashboard.period.lineCustom", new Object[] {periodLabel(period, locale)}, locale)
				: messages.getMessage("dashboard.period.line",
						new Object[] {periodLabel(period, locale), period.from().toString(), period.to().toString()}, locale);
		Optional<Range> before = period.previous();
		if (before.isPresent()) {
			line += messages.getMessage("dashboard.period.previousLine", new Object[] {range(before.get(), locale)}, locale);
		}
		return line + messages.getMessage("dashboard.period.lastYearLine", new Object[] {range(period.lastYear(), locale)}, locale);
	}

	private String range(Range r, Locale locale) {
		return messages.getMessage("dashboard.period.range", new Object[] {r.from().toString(), r.to().toString()}, locale);
	}

	private Section appeals(Stats now, Optional<Stats> previous, Stats lastYear, DashboardPeriod period, String label, FigureFormat f,
			Locale locale) {
		String list = link("/appeals", "regionCode", now.region(), period, now.channel(), now.category());
		List<Card> cards = new ArrayList<>();
		cards.add(count("received", now.received(), msg("dashboard.received", locale), label, list, previous.map(Stats::received),
				lastYear.received(), period, f, locale));
		cards.add(rate("resolutionRate", now.resolved(), now.received(), msg("dashboard.resolutionRate", locale), label, list,
				previous.map(s -> new long[] {s.resolved(), s.received()}), new long[] {lastYear.resolved(), lastYear.received()},
				period, f, locale));
		cards.add(rate("responseRate", now.respondedOnTime(), now.received(), msg("dashboard.responseRate", locale), label, list,
				previous.map(s -> new long[] {s.respondedOnTime(), s.received()}),
				new long[] {lastYear.respondedOnTime(), lastYear.received()}, period, f, locale));
		cards.add(rate("satisfactionRate", now.satisfied(), now.rated(), msg("dashboard.satisfactionRate", locale), label, list,
				previous.map(s -> new long[] {s.satisfied(), s.rated()}), new long[] {lastYear.satisfied(), lastYear.rated()}, period,
				f, locale));
		return new Section("appeals", msg("dashboard.section.appeals", locale), cards, List.of());
	}

	private Section disputes(DisputeSummaries.Summary now, Optional<DisputeSummaries.Summary> previous,
			DisputeSummaries.Summary lastYear, String region, DashboardPeriod period, String label, FigureFormat f, Locale locale) {
		String stats = link("/disputes/stats", "region", region, period, null, null);
		List<Card> cards = new ArrayList<>();
		cards.add(count("dispute-received", now.received(), msg("dashboard.disputeReceived", locale), label, stats,
				previous.map(DisputeSummaries.Summary::received), lastYear.received(), period, f, locale));
		cards.add(rate("dispute-resolution", now.settled(), now.received(),
				messages.getMessage("dashboard.disputeResolution", new Object[] {now.settled(), now.received()}, locale), label, stats,
				previous.map(d -> new long[] {d.settled(), d.received()}), new long[] {lastYear.settled(), lastYear.received()}, period,
				f, locale));
		cards.add(rate("dispute-mediation", now.settled(), now.settled() + now.notSettled(), msg("dispute.mediationRate", locale),
				label, stats, previous.map(d -> new long[] {d.settled(), d.settled() + d.notSettled()}),
				new long[] {lastYear.settled(), lastYear.settled() + lastYear.notSettled()}, period, f, locale));
		return new Section("disputes", msg("dashboard.section.disputes", locale), cards, List.of());
	}

	private Section petitions(PetitionSummaries.Summary now, Optional<PetitionSummaries.Summary> previous,
			PetitionSummaries.Summary lastYear, String region, DashboardPeriod period, String label, FigureFormat f, Locale locale) {
		String stats = link("/petitions/stats", "region", region, period, null, null);
		List<Card> cards = new ArrayList<>();
		cards.add(count("petition-batches", now.batches(), msg("dashboard.petitionBatches", locale), label, stats,
				previous.map(PetitionSummaries.Summary::batches), lastYear.batches(), period, f, locale));
		cards.add(count("petition-headcount", now.headcount(), msg("dashboard.petitionHeadcount", locale), label, stats,
				previous.map(PetitionSummaries.Summary::headcount), lastYear.headcount(), period, f, locale));
		cards.add(count("leapfrog", now.leapfrogBatches(), msg("petition.leapfrog", locale), label,
				UriComponentsBuilder.fromPath("/petitions").queryParam("leapfrog", true).build().toUriString(),
				previous.map(PetitionSummaries.Summary::leapfrogBatches), lastYear.leapfrogBatches(), period, f, locale));
		cards.add(new Card("petition-overdue", Long.toString(now.openOverdue()), msg("petition.openOverdue", locale),
				asOf(period, locale), stats, List.of(), now.openOverdue() > 0));
		List<Line> lines = now.byForm().stream().filter(c -> c.batches() + c.batchesLastYear() > 0)
			.map(c -> new Line(c.form(), msg("petition.form." + c.form(), locale),
					messages.getMessage("dashboard.petitionFormCounts", new Object[] {c.batches(), c.headcount()}, locale),
					f.countChange(c.batches(), c.batchesLastYear()), f.countChange(c.headcount(), c.headcountLastYear())))
			.toList();
		return new Section("petitions", msg("dashboard.section.petitions", locale), cards, lines);
	}

	private Section fieldwork(FieldworkFigures.Summary now, String region, DashboardPeriod period, String label, FigureFormat f,
			Locale locale) {
		String coverage = link("/fieldwork", "region", region, period, null, null);
		List<Card> cards = new ArrayList<>();
		cards.add(new Card("visited", f.rate(now.householdsVisited(), now.households()),
				messages.getMessage("coverage.visitedShare", numbers(now.householdsVisited(), now.households()), locale), label, coverage,
				List.of(), false));
		// whether a key household's visit is overdue is judged on the period's last day
		cards.add(new Card("key-groups", (now.keyGroupHouseholds() - now.keyGroupOverdue()) + " / " + now.keyGroupHouseholds(),
				messages.getMessage("coverage.keyGroupOnTime", numbers(now.keyGroupOverdue()), locale), asOf(period, locale), coverage,
				List.of(), now.keyGroupOverdue() > 0));
		cards.add(new Card("chain", now.gridsComplete() + " / " + now.grids(), msg("coverage.chainComplete", locale), label, coverage,
				List.of(), false));
		cards.add(new Card("behind", Long.toString(now.peopleBehind()), msg("coverage.behind", locale), label, coverage, List.of(),
				now.peopleBehind() > 0));
		return new Section("fieldwork", msg("dashboard.section.fieldwork", locale), cards, List.of());
	}

	/**
	 * Counts for a message of another module's whose numbers are plain {0}: written as the dashboard writes every count,
	 * without a thousands separator.
	 */
	private static Object[] numbers(long... counts) {
		return java.util.Arrays.stream(counts).mapToObj(Long::toString).toArray();
	}

	private Card count(String id, long now, String label, String period, String href, Optional<Long> previous, long lastYear,
			DashboardPeriod p, FigureFormat f, Locale locale) {
		List<Comparison> comparisons = new ArrayList<>();
		previous.ifPresent(before -> comparisons.add(new Comparison("previous-" + id, msg("dashboard.previous", locale),
				range(p.previous().orElseThrow(), locale), msg("dashboard.previous.then", locale), Long.toString(before), f.countChange(now, before))));
		comparisons.add(new Comparison("lastYear-" + id, msg("dashboard.lastYear", locale), range(p.lastYear(), locale),
				msg("dashboard.lastYear.then", locale), Long.toString(lastYear), f.countChange(now, lastYear)));
		return new Card(id, Long.toString(now), label, period, href, comparisons, false);
	}

	private Card rate(String id, long part, long whole, String label, String period, String href, Optional<long[]> previous,
			long[] lastYear, DashboardPeriod p, FigureFormat f, Locale locale) {
		BigDecimal now = FigureFormat.percent(part, whole);
		List<Comparison> comparisons = new ArrayList<>();
		previous.ifPresent(before -> {
			BigDecimal then = FigureFormat.percent(before[0], before[1]);
			comparisons.add(new Comparison("previous-" + id, msg("dashboard.previous", locale), range(p.previous().orElseThrow(), locale),
					msg("dashboard.previous.then", locale), f.rate(then), f.pointsChange(now, then)));
		});
		BigDecimal then = FigureFormat.percent(lastYear[0], lastYear[1]);
		comparisons.add(new Comparison("lastYear-" + id, msg("dashboard.lastYear", locale), range(p.lastYear(), locale),
				msg("dashboard.lastYear.then", locale), f.rate(then),
				f.pointsChange(now, then)));
		return new Card(id, f.rate(now), label, period, href, comparisons, false);
	}

	private String asOf(DashboardPeriod period, Locale locale) {
		return messages.getMessage("dashboard.asOf", new Object[] {period.to().format(DAY)}, locale);
	}

	private String msg(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	/** A module's own page for the same region and period (and, for appeals, the same channel and category). */
	static String link(String path, String regionParam, String region, DashboardPeriod period, String channel, String category) {
		UriComponentsBuilder b = UriComponentsBuilder.fromPath(path).queryParam(regionParam, region)
			.queryParam("from", period.from()).queryParam("to", period.to());
		if (channel != null) {
			b.queryParam("channel", channel);
		}
		if (category != null) {
			b.queryParam(path.equals("/appeals") ? "categoryCode" : "category", category);
		}
		return b.encode().build().toUriString();
	}

}

package org.grassroots.dashboard.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.CurrentUsers;
import org.grassroots.appeals.AppealCategoryNames;
import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.OverdueAppeals;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.dashboard.internal.AppealFigures;
import org.grassroots.dashboard.internal.AppealFigures.Stats;
import org.grassroots.dashboard.internal.DashboardPeriod;
import org.grassroots.dashboard.internal.FigureFormat;
import org.grassroots.dashboard.internal.SchematicMap;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import tools.jackson.databind.json.JsonMapper;

/**
 * The picture of a scope for one period: every module's cards counted over it and compared the same way, the
 * appeals by channel, level and category, the villages (or grids) beneath, and the schematic map.
 */
@Controller
class DashboardPages {

	private static final String PAGE = "dashboard/appeals";

	private static final String MAP = "dashboard/map :: card";

	private final CurrentUsers users;

	private final AppealFigures figures;

	private final SchematicMap map;

	private final DashboardSections sections;

	private final RegionTree regions;

	private final MessageSource messages;

	private final OverdueAppeals overdue;

	private final AppealCategoryNames appealCategories;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	DashboardPages(CurrentUsers users, AppealFigures figures, SchematicMap map, DashboardSections sections, RegionTree regions,
			MessageSource messages, OverdueAppeals overdue, AppealCategoryNames appealCategories, Clock clock) {
		this.users = users;
		this.figures = figures;
		this.map = map;
		this.sections = sections;
		this.regions = regions;
		this.messages = messages;
		this.overdue = overdue;
		this.appealCategories = appealCategories;
		this.clock = clock;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(required = false) String region, @RequestParam(required = false) String period,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category, Model model,
			HttpServletResponse response) {
		CurrentUser me = users.current();
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> errors = new LinkedHashMap<>();
		DashboardPeriod p = period(period, from, to, errors, locale);
		AppealFigures.Filter filter = checked(channel, category, errors, locale);
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		// the period and the filter apply to every figure of the page: the comparisons, the villages beneath, the map
		Stats now = figures.of(me, region, p.from(), p.to(), filter);
		Optional<Stats> previous = p.previous().map(r -> figures.of(me, now.region(), r.from(), r.to(), filter));
		Stats lastYear = figures.of(me, now.region(), p.lastYear().from(), p.lastYear().to(), filter);
		Map<String, String> categoryNames = appealCategories.names(locale);
		FigureFormat format = new FigureFormat(messages, locale);
		model.addAttribute("stats", now);
		model.addAttribute("sections", sections.of(me, now, previous, lastYear, p, locale));
		List<AppealFigures.ChildFigures> children = figures.byChild(me, now.region(), p.from(), p.to(), filter);
		model.addAttribute("children", children);
		model.addAttribute("period", p);
		model.addAttribute("today", today());
		model.addAttribute("periodLabel", sections.periodLabel(p, locale));
		model.addAttribute("periodLine", sections.periodLine(p, locale));
		model.addAttribute("periodKinds", DashboardPeriod.Kind.values());
		model.addAttribute("filter", filter);
		model.addAttribute("errors", errors);
		model.addAttribute("fmt", format);
		model.addAttribute("channels", AppealChannel.values());
		model.addAttribute("categoryNames", categoryNames);
		RegionNode shown = regions.byCode(now.region()).orElseThrow();
		model.addAttribute("trail", regions.lineageWithin(me, shown.path()));
		model.addAttribute("chartData", json.writeValueAsString(chartData(now, categoryNames, locale)));
		model.addAttribute("map", map.of(me, now.region(), p.from(), p.to(), filter, children).orElse(null));
		model.addAttribute("bands", SchematicMap.Band.values());
		model.addAttribute("worstOverdue", overdue.worst(shown.path(), 10));
		return PAGE;
	}

	/** The map alone, for zooming in and out in place: a village's grids, or back to the township's villages. */
	@GetMapping("/dashboard/map")
	String mapCard(@RequestParam(required = false) String region, @RequestParam(required = false) String period,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category, Model model) {
		Locale locale = LocaleContextHolder.getLocale();
		DashboardPeriod p = DashboardPeriod.of(period, from, to, today());
		AppealFigures.Filter filter = figures.filter(channel, category);
		model.addAttribute("map", map.of(users.current(), region, p.from(), p.to(), filter).orElse(null));
		model.addAttribute("period", p);
		model.addAttribute("periodLabel", sections.periodLabel(p, locale));
		model.addAttribute("filter", filter);
		model.addAttribute("bands", SchematicMap.Band.values());
		model.addAttribute("fmt", new FigureFormat(messages, locale));
		return MAP;
	}

	/**
	 * The map's areas as GeoJSON (longitude, latitude) with their counts, for other tools: the same schematic
	 * outlines and figures as the page's drawing, marked {@code "schematic": true}.
	 */
	@GetMapping("/dashboard/map.json")
	@ResponseBody
	Map<String, Object> mapJson(@RequestParam(required = false) String region, @RequestParam(required = false) String period,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String category) {
		DashboardPeriod p = DashboardPeriod.of(period, from, to, today());
		Optional<SchematicMap.View> view = map.of(users.current(), region, p.from(), p.to(), figures.filter(channel, category));
		List<Map<String, Object>> features = new ArrayList<>();
		view.ifPresent(v -> v.areas().forEach(a -> {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("code", a.code());
			properties.put("name", a.name());
			properties.put("type", a.type().name());
			properties.put("received", a.received());
			properties.put("resolved", a.resolved());
			properties.put("resolutionRate", a.rate());
			List<double[]> ring = new ArrayList<>(a.ring());
			ring.add(a.ring().get(0));
			Map<String, Object> geometry = new LinkedHashMap<>();
			geometry.put("type", "Polygon");
			geometry.put("coordinates", List.of(ring));
			Map<String, Object> feature = new LinkedHashMap<>();
			feature.put("type", "Feature");
			feature.put("geometry", geometry);
			feature.put("properties", properties);
			features.add(feature);
		}));
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("schematic", true);
		collection.put("from", p.from());
		collection.put("to", p.to());
		collection.put("features", features);
		return collection;
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
	}

	/** The period asked for; a wrong one is named beside its field and this year shown instead. */
	private DashboardPeriod period(String kind, LocalDate from, LocalDate to, Map<String, String> errors, Locale locale) {
		try {
			return DashboardPeriod.of(kind, from, to, today());
		}
		catch (InputRejected rejected) {
			rejected.problems().forEach(p -> errors.put(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			return DashboardPeriod.thisYear(today());
		}
	}

	/**
	 * The filter of the page's form, checked. A value the form never offers (an edited address) is named beside
	 * its field and left out, so that the figures shown are those the form's fields say.
	 */
	private AppealFigures.Filter checked(String channel, String category, Map<String, String> errors, Locale locale) {
		try {
			return figures.filter(channel, category);
		}
		catch (InputRejected rejected) {
			rejected.problems().forEach(p -> errors.put(p.field(), messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
			return figures.filter(errors.containsKey("channel") ? null : channel, errors.containsKey("category") ? null : category);
		}
	}

	private Map<String, Object> chartData(Stats stats, Map<String, String> categoryNames, Locale locale) {
		Map<String, Object> data = new LinkedHashMap<>();
		Map<String, Long> channels = new LinkedHashMap<>();
		stats.byChannel().forEach((k, v) -> channels.put(messages.getMessage("appeal.channel." + k, null, k, locale), v));
		Map<String, Long> levels = new LinkedHashMap<>();
		stats.byLevel().forEach((k, v) -> levels.put(messages.getMessage("appeal.level." + k.toUpperCase(), null, k, locale), v));
		data.put("channels", channels);
		Map<String, Long> categories = new LinkedHashMap<>();
		stats.byCategory().forEach((k, v) -> categories.put(categoryNames.getOrDefault(k, k), v));
		data.put("categories", categories);
		data.put("levels", levels);
		return data;
	}

}

package org.grassroots.fieldwork.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.grassroots.access.AccountProvisioning;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.fieldwork.internal.Assignments.Duty;
import org.grassroots.registry.HouseholdDirectory;
import org.grassroots.registry.HouseholdDirectory.HouseholdRef;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A year of field work for the demo county's two rural townships, with the gaps real rounds have:
 * township leaders linked two to a village (one of them usually short of 8 visits a month), a grid
 * worker per grid visiting key households by their tags' intervals (less over the Spring Festival,
 * some households hard to find at home, one worker slack in the last weeks), patrols, village cadres
 * resolving on the spot, township staff supervising — except one grid nobody supervises, and the
 * urban street office not yet assigned at all. Same seed, same year.
 */
@Component
@ConditionalOnProperty(name = "grassroots.demo.enabled", havingValue = "true")
@Order(30)
class DemoFieldwork implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoFieldwork.class);
	private static final long SEED = 20250101L;
	private static final String PASSWORD = "demo1234";
	private static final String COUNTY = "620799000000";

	/** Village code → pinyin used in demo usernames. */
	private static final Map<String, String> VILLAGES = new LinkedHashMap<>();

	/** Village code → its name, for the demo people's display names. */
	private static final Map<String, String> VILLAGE_NAMES = new LinkedHashMap<>();

	static {
		String[][] villages = {{"620799100201", "gaomiao", "高庙村"}, {"620799100202", "hewan", "河湾村"},
				{"620799100203", "xinzhuang", "新庄村"}, {"620799100204", "liushu", "柳树村"}, {"620799200201", "xishang", "溪上村"},
				{"620799200202", "chayuan", "茶园村"}, {"620799200203", "tongxi", "桐溪村"}, {"620799200204", "shimen", "石门村"}};
		for (String[] v : villages) {
			VILLAGES.put(v[0], v[1]);
			VILLAGE_NAMES.put(v[0], v[2]);
		}
	}

	private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
	private static final String[] GIVEN = {"芳", "伟", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"};
	private static final String[][] HEARD = {
			{"老人身体还好，子女每周打电话", "屋里取暖正常，叮嘱注意用火安全", "药快吃完了，已提醒去卫生室开药"},
			{"反映村道路灯有两盏不亮", "希望组织一次免费体检", "家里自来水压力小"},
			{"孩子学习情况正常，和爷爷奶奶住", "低保年审材料已收齐", "残疾补贴已到账，表示满意"},
			{"邻里因排水沟有些小矛盾，已当场说和", "院墙有裂缝，提醒雨季注意", "询问医保缴费时间，已解答"}};
	private static final String[] FINDINGS = {"", "", "", "河边护栏一处松动", "垃圾点已满，已通知清运", "发现一处私拉电线，已提醒整改", "路口积水"};

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final RegionTree regions;
	private final HouseholdDirectory households;
	private final AccountProvisioning accounts;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;

	DemoFieldwork(JdbcClient jdbc, JdbcTemplate template, RegionTree regions, HouseholdDirectory households,
			AccountProvisioning accounts, AuditTrail audit, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.template = template;
		this.regions = regions;
		this.households = households;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		var county = regions.byCode(COUNTY);
		if (county.isEmpty() || jdbc.sql("SELECT COUNT(*) FROM fieldwork_assignment").query(Long.class).single() > 0) {
			return;
		}
		long started = System.nanoTime();
		provisionAccounts();
		transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
			if (jdbc.sql("SELECT COUNT(*) FROM fieldwork_assignment").query(Long.class).single() > 0) {
				return;
			}
			Map<String, Integer> counts = new Generator(county.get()).run();
			audit.record(AuditAction.IMPORT, "demo_fieldwork", null, county.get().path(), "demo field work loaded", null,
					new LinkedHashMap<>(counts));
			log.info("Demo field work loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
		});
	}

	private record DemoAccount(String username, String name, Role role, String region) {
	}

	private static List<DemoAccount> extraAccounts() {
		List<DemoAccount> list = new ArrayList<>();
		list.add(new DemoAccount("qinghe.deputy", "清河镇副镇长 王海", Role.TOWNSHIP_LEADER, "620799100000"));
		list.add(new DemoAccount("qinghe.member", "清河镇党委委员 李娟", Role.TOWNSHIP_STAFF, "620799100000"));
		list.add(new DemoAccount("ganquan.deputy", "甘泉乡副乡长 马丽", Role.TOWNSHIP_LEADER, "620799200000"));
		list.add(new DemoAccount("ganquan.staff", "甘泉乡综治办 黄涛", Role.TOWNSHIP_STAFF, "620799200000"));
		list.add(new DemoAccount("ganquan.member", "甘泉乡党委委员 吴敏", Role.TOWNSHIP_STAFF, "620799200000"));
		Random names = new Random(SEED + 1);
		for (var village : VILLAGES.entrySet()) {
			if (!village.getValue().equals("gaomiao") && !village.getValue().equals("xishang")) {
				list.add(new DemoAccount(village.getValue() + ".cadre", VILLAGE_NAMES.get(village.getKey()) + "党支部书记 " + name(names), Role.VILLAGE_CADRE, village.getKey()));
			}
			for (int g = 1; g <= 3; g++) {
				String username = village.getValue() + ".grid" + g;
				if (!username.equals("gaomiao.grid1")) {
					list.add(new DemoAccount(username, VILLAGE_NAMES.get(village.getKey()) + "第" + "一二三".charAt(g - 1) + "网格员 " + name(names), Role.GRID_WORKER,
							village.getKey() + String.format("%02d", g)));
				}
			}
		}
		return list;
	}

	private static String name(Random random) {
		return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
	}

	private void provisionAccounts() {
		for (DemoAccount a : extraAccounts()) {
			if (regions.byCode(a.region()).isPresent() && !accounts.exists(a.username())) {
				accounts.provision(a.username(), a.name(), a.role(), a.region(), null, PASSWORD, false);
			}
		}
	}

	private final class Generator {

		private final Random random = new Random(SEED);
		private final RegionNode county;
		private final CurrentUser loader;
		private final LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		private final LocalDate start = today.minusYears(1).withDayOfMonth(1);
		private final Instant now = Instant.now();
		private final List<Object[]> visits = new ArrayList<>();
		private final List<Object[]> patrols = new ArrayList<>();
		private final List<Object[]> assignments = new ArrayList<>();
		private List<HouseholdDirectory.KeyGroupHousehold> keyGroups;
		private Map<String, Integer> intervals;

		Generator(RegionNode county) {
			this.county = county;
			this.loader = new CurrentUser(0, "demo", "demo", Role.ADMIN, county.code(), county.path(), null,
					EnumSet.allOf(Permission.class));
		}

		Map<String, Integer> run() {
			keyGroups = households.keyGroups(loader);
			intervals = households.visitIntervals();
			Map<String, List<String[]>> links = new LinkedHashMap<>();
			// two leaders a village; each leader covers two villages
			links.put("620799100000", List.of(new String[] {"qinghe.leader", "qinghe.member"}, new String[] {"qinghe.leader", "qinghe.deputy"},
					new String[] {"qinghe.deputy", "qinghe.staff"}, new String[] {"qinghe.staff", "qinghe.member"}));
			links.put("620799200000", List.of(new String[] {"ganquan.leader", "ganquan.member"}, new String[] {"ganquan.leader", "ganquan.deputy"},
					new String[] {"ganquan.deputy", "ganquan.staff"}, new String[] {"ganquan.staff", "ganquan.member"}));
			Map<String, Double> leaderRate = Map.of("qinghe.leader", 10.0, "qinghe.deputy", 9.5, "qinghe.staff", 11.0,
					"qinghe.member", 8.0, "ganquan.leader", 9.0, "ganquan.deputy", 5.0, "ganquan.staff", 10.5, "ganquan.member", 9.0);
			int villageIndex = 0;
			for (var village : VILLAGES.entrySet()) {
				RegionNode v = regions.byCode(village.getKey()).orElseThrow();
				String township = village.getKey().substring(0, 9) + "000";
				String[] pair = links.get(township).get(villageIndex++ % 4);
				List<HouseholdRef> all = households.within(loader, v.path());
				for (String leader : pair) {
					assign(leader, Duty.VILLAGE_LINK, v, 8);
					leaderVisits(leader, v, all, leaderRate.get(leader));
				}
				String cadre = village.getValue() + ".cadre";
				String supervisor = township.startsWith("6207991") ? "qinghe.staff" : "ganquan.staff";
				for (RegionNode grid : regions.children(v.id())) {
					if (grid.type() != RegionType.GRID) {
						continue;
					}
					String worker = village.getValue() + ".grid" + grid.code().substring(grid.code().length() - 1);
					assign(worker, Duty.PATROL, grid, 8);
					assign(worker, Duty.REPORT, grid, 20);
					assign(cadre, Duty.RESPONSIBLE, grid, 0);
					assign(cadre, Duty.RESOLVE, grid, 0);
					boolean unsupervised = grid.code().equals("62079910020402");
					if (!unsupervised) {
						assign(supervisor, Duty.SUPERVISE, grid, 0);
					}
					boolean slack = grid.code().equals("62079920020403");
					gridWork(worker, cadre, unsupervised ? null : supervisor, grid, slack);
				}
			}
			template.batchUpdate("""
					INSERT INTO fieldwork_assignment (username, duty, region_id, region_path, monthly_target, active_from, created_by, created_at)
					VALUES (?, ?, ?, ?, ?, ?, 'demo', ?)""", assignments);
			template.batchUpdate("""
					INSERT INTO fieldwork_visit (client_key, visitor, visited_at, region_id, region_path, household_id, place_text, purpose,
					  heard, needs, follow_up, recorded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", visits);
			template.batchUpdate("""
					INSERT INTO fieldwork_patrol (client_key, patroller, region_id, region_path, started_at, ended_at, route_text, findings, recorded_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", patrols);
			return Map.of("assignments", assignments.size(), "visits", visits.size(), "patrols", patrols.size());
		}

		private void assign(String username, Duty duty, RegionNode region, int target) {
			assignments.add(new Object[] {username, duty.name(), region.id(), region.path(), target, start,
					utc(now)});
		}

		/** A leader's visits to a village: about {@code rate} a month, fewer over the Spring Festival. */
		private void leaderVisits(String leader, RegionNode village, List<HouseholdRef> all, double rate) {
			for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
				if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
					continue;
				}
				double perDay = rate / 26 * (festival(day) ? 0.3 : 1);
				if (random.nextDouble() < perDay && !all.isEmpty()) {
					HouseholdRef h = all.get(random.nextInt(all.size()));
					visit(leader, day, h, random.nextInt(4) == 0 ? FieldLog.Purpose.KEY_GROUP : FieldLog.Purpose.ROUTINE,
							FieldLog.FollowUp.NONE);
				}
			}
		}

		/**
		 * A grid through the year: the worker visits key households when their interval comes round
		 * (mostly), a few others each week, and patrols two or three times a week; the cadre resolves
		 * something on the spot now and then; the supervisor checks about monthly.
		 */
		private void gridWork(String worker, String cadre, String supervisor, RegionNode grid, boolean slackLately) {
			List<HouseholdRef> all = households.within(loader, grid.path());
			Map<Long, Integer> interval = new HashMap<>();
			keyGroups.stream()
				.filter(k -> k.regionPath().startsWith(grid.path()))
				.forEach(k -> interval.put(k.id(), VisitPlan.intervalDays(intervals, k.tags())));
			interval.values().removeIf(i -> i == 0);
			Map<Long, LocalDate> due = new HashMap<>();
			Set<Long> hardToFind = new java.util.HashSet<>();
			for (Long id : interval.keySet()) {
				due.put(id, start.plusDays(random.nextInt(interval.get(id))));
				if (random.nextInt(10) == 0) {
					hardToFind.add(id);
				}
			}
			double diligence = 0.8 + random.nextDouble() * 0.17;
			Map<Long, HouseholdRef> byId = new HashMap<>();
			all.forEach(h -> byId.put(h.id(), h));
			for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
				boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
				double effort = diligence * (festival(day) ? 0.4 : 1) * (weekend ? 0.3 : 1)
						* (slackLately && day.isAfter(today.minusDays(35)) ? 0.04 : 1);
				for (var entry : due.entrySet()) {
					Long id = entry.getKey();
					if (entry.getValue().isAfter(day) || !byId.containsKey(id)) {
						continue;
					}
					double chance = effort * (hardToFind.contains(id) ? 0.15 : 0.85);
					if (random.nextDouble() < chance) {
						visit(worker, day, byId.get(id), FieldLog.Purpose.KEY_GROUP, FieldLog.FollowUp.NONE);
						entry.setValue(day.plusDays(interval.get(id)));
					}
				}
				if (!all.isEmpty() && random.nextDouble() < effort * 0.5) {
					visit(worker, day, all.get(random.nextInt(all.size())), FieldLog.Purpose.ROUTINE, FieldLog.FollowUp.NONE);
				}
				if (random.nextDouble() < effort * 0.4) {
					patrol(worker, day, grid);
				}
				if (!all.isEmpty() && !weekend && random.nextDouble() < 0.1 * (festival(day) ? 0.3 : 1)) {
					visit(cadre, day, all.get(random.nextInt(all.size())), FieldLog.Purpose.FOLLOW_UP, FieldLog.FollowUp.RESOLVED_ON_SPOT);
				}
				if (supervisor != null && !all.isEmpty() && !weekend && random.nextDouble() < 0.1) {
					visit(supervisor, day, all.get(random.nextInt(all.size())), FieldLog.Purpose.SUPERVISION, FieldLog.FollowUp.NONE);
				}
			}
		}

		private static java.time.OffsetDateTime utc(Instant t) {
			return java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
		}

		private boolean festival(LocalDate day) {
			// around the Spring Festival: late January to late February, whatever the year
			return (day.getMonthValue() == 1 && day.getDayOfMonth() > 20) || (day.getMonthValue() == 2 && day.getDayOfMonth() < 20);
		}

		private Instant at(LocalDate day, int fromHour, int hours) {
			Instant t = ZonedDateTime.of(day, LocalTime.of(fromHour + random.nextInt(hours), random.nextInt(60)), WorkingCalendar.ZONE)
				.toInstant();
			return t.isAfter(now) ? now.minusSeconds(600 + random.nextInt(3600)) : t;
		}

		private void visit(String who, LocalDate day, HouseholdRef h, FieldLog.Purpose purpose, FieldLog.FollowUp followUp) {
			Instant t = at(day, 8, 10);
			String[] texts = HEARD[followUp == FieldLog.FollowUp.RESOLVED_ON_SPOT ? 3 : purpose == FieldLog.Purpose.KEY_GROUP ? 0
					: random.nextInt(HEARD.length)];
			String heard = texts[random.nextInt(texts.length)];
			String needs = heard.startsWith("反映") || heard.startsWith("希望") ? heard.replace("反映", "") : null;
			visits.add(new Object[] {UUID.nameUUIDFromBytes((who + t + h.id() + "#" + visits.size()).getBytes()).toString(), who, utc(t),
					h.regionId(), h.regionPath(), h.id(), null, purpose.name(), heard, needs, followUp.name(), utc(t)});
		}

		private void patrol(String who, LocalDate day, RegionNode grid) {
			Instant t = at(day, 7, 12);
			Instant end = t.plusSeconds(1800 + random.nextInt(5400));
			if (end.isAfter(now)) {
				end = null;
			}
			String finding = FINDINGS[random.nextInt(FINDINGS.length)];
			patrols.add(new Object[] {UUID.nameUUIDFromBytes((who + t + "patrol#" + patrols.size()).getBytes()).toString(), who, grid.id(), grid.path(),
					utc(t), end == null ? null : utc(end), grid.name() + "主干道及河边", end == null ? null : finding,
					utc(t)});
		}

	}

}

package org.grassroots.appeals.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealRating;
import org.grassroots.appeals.AppealStatus;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A year of appeals for the demo county, ending on the day of the first start, so that lists and the
 * dashboard look alive: every channel and category, most resolved in the village, some escalated to
 * the township, a few late or still open, most rated. Each step publishes the same events as a real
 * one, so the dashboard's rollups are built the ordinary way. Same seed, same appeals.
 */
@Component
@ConditionalOnProperty(name = "grassroots.demo.enabled", havingValue = "true")
@Order(20)
class DemoAppeals implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoAppeals.class);
	private static final long SEED = 20241001L;
	private static final int APPEALS = 1500;
	private static final String ACTOR = "demo";

	private static final String[][] TEXTS = {
			{"ROAD_LIGHTING", "村口路灯不亮，晚上出行不便", "组里道路坑洼，雨后积水严重", "桥头护栏松动有安全隐患"},
			{"WATER_POWER", "自来水停了两天，请尽快恢复", "家里电压不稳，电器经常跳闸", "水管冻裂漏水"},
			{"ENVIRONMENT", "垃圾箱满了没人清运", "河道里有人倾倒建筑垃圾", "养殖户粪污直排影响邻居"},
			{"NEIGHBOUR", "邻居盖房占了我家的路", "宅基地界址有争议", "邻居家狗经常咬人"},
			{"SOCIAL_ASSISTANCE", "老人想申请低保，不知道怎么办", "残疾补贴没有按时发放", "临时救助申请进度"},
			{"LAND", "土地流转款未按时支付", "承包地被占用修路，补偿未到位", "耕地确权面积有误"},
			{"WAGES", "在工地干活被拖欠工资三个月", "农民工工资未结清"},
			{"OTHER", "希望村里安装健身器材", "反映村里公交班次太少", "咨询医保缴费"}};

	private final JdbcClient jdbc;
	private final AppealRows rows;
	private final AppealCategories categories;
	private final RegionTree regions;
	private final AppealDeadlines deadlines;
	private final java.time.Clock clock;
	private final PersonalDataProtector protector;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;
	private final Open311Gateway open311;

	DemoAppeals(JdbcClient jdbc, AppealRows rows, AppealCategories categories, RegionTree regions, AppealDeadlines deadlines,
			java.time.Clock clock, PersonalDataProtector protector, AuditTrail audit, TransactionTemplate transactions,
			Open311Gateway open311) {
		this.open311 = open311;
		this.jdbc = jdbc;
		this.rows = rows;
		this.categories = categories;
		this.regions = regions;
		this.deadlines = deadlines;
		this.clock = clock;
		this.protector = protector;
		this.audit = audit;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
			if (jdbc.sql("SELECT COUNT(*) FROM appeals_appeal").query(Long.class).single() > 0) {
				return;
			}
			var county = regions.byCode("620799000000");
			if (county.isEmpty()) {
				return;
			}
			long started = System.nanoTime();
			Map<String, Integer> counts = generate(county.get());
			// demo only: the Open311 key listed in the README
			open311.store("demo", "demo-open311-key", "system");
			audit.record(AuditAction.IMPORT, "demo_appeals", null, county.get().path(), "demo appeals loaded", null,
					new LinkedHashMap<>(counts));
			log.info("Demo appeals loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
		});
	}

	/**
	 * Each appeal made from its intake and taken through its year by its own step methods, as a real one is; then
	 * written once as its year left it, with every timeline entry and the events of all the steps at once, so that the
	 * rollups are counted set-wise, as a 12345 import's are.
	 */
	private Map<String, Integer> generate(RegionNode county) {
		Random random = new Random(SEED);
		List<RegionNode> grids = regions.subtree(county.path()).stream().filter(n -> n.type() == RegionType.GRID).toList();
		Map<String, AppealCategories.Category> byCode = new LinkedHashMap<>();
		categories.active().forEach(c -> byCode.put(c.code(), c));
		Instant now = clock.instant();
		LocalDate today = now.atZone(WorkingCalendar.ZONE).toLocalDate();
		List<Appeal> appeals = new ArrayList<>(APPEALS);
		int resolved = 0;
		int open = 0;
		int steps = 0;
		for (int i = 0; i < APPEALS; i++) {
			RegionNode grid = grids.get(random.nextInt(grids.size()));
			String[] texts = TEXTS[pick(random, new int[] {22, 12, 20, 14, 10, 8, 3, 11})];
			AppealCategories.Category category = byCode.get(texts[0]);
			AppealChannel channel = AppealChannel.values()[pick(random, new int[] {15, 35, 3, 20, 20, 7, 0})];
			LocalDate day = today.minusDays(random.nextInt(365));
			Instant submitted = ZonedDateTime.of(day, LocalTime.of(8 + random.nextInt(10), random.nextInt(60)), WorkingCalendar.ZONE)
				.toInstant();
			if (submitted.isAfter(now)) {
				submitted = now.minus(Duration.ofMinutes(30 + random.nextInt(300)));
			}
			String description = texts[1 + random.nextInt(texts.length - 1)];
			ProtectedValue phone = protector.protectPhone("139" + String.format("%08d", random.nextInt(100_000_000)));
			String reporter = random.nextBoolean() ? null : "群众";
			Appeal a = Appeal.submit(AppealIntake.of(channel, description, channel == AppealChannel.QR ? "public" : ACTOR)
				.reporter(reporter, phone)
				.handOff(null, submitted, null)
				.trackingCode(String.format("DEMO%06d", i + 1)), category, grid, deadlines, clock);
			appeals.add(a);
			long ageDays = Duration.between(submitted, now).toDays();
			boolean stillOpen = ageDays < 3 ? random.nextInt(100) < 80 : ageDays < 20 ? random.nextInt(100) < 25 : random.nextInt(100) < 3;
			if (random.nextInt(1000) < 15) {
				a.reject(ACTOR, submitted.plus(Duration.ofHours(2)), "重复反映，已合并至前一诉求办理");
				continue;
			}
			boolean escalate = a.level == AppealLevel.VILLAGE && random.nextInt(100) < 14;
			Instant at = deadlines.afterWorkingMinutes(submitted, random.nextInt(100) < 91 ? 20 + random.nextInt(200) : 60 * 8 + random.nextInt(600));
			if (at.isAfter(now)) {
				open++;
				continue;
			}
			a.accept(ACTOR, at);
			if (escalate) {
				at = deadlines.afterWorkingMinutes(at, 120 + random.nextInt(900));
				if (at.isBefore(now)) {
					a.escalate(ACTOR, at, "涉及跨村协调，上报乡镇");
					at = deadlines.afterWorkingMinutes(at, 30 + random.nextInt(240));
					if (at.isBefore(now)) {
						a.accept(ACTOR, at);
					}
				}
			}
			int days = category.resolutionDays();
			long minutes = random.nextInt(100) < 88 ? 60 + random.nextInt(Math.max(60, days * 420)) : (days + 1 + random.nextInt(5)) * 420L;
			at = deadlines.afterWorkingMinutes(at, minutes);
			if (stillOpen || at.isAfter(now) || a.status != AppealStatus.ACCEPTED) {
				open++;
				continue;
			}
			a.resolve(ACTOR, at, "已现场核实并处理，群众认可");
			resolved++;
			Instant rateAt = at.plus(Duration.ofDays(1 + random.nextInt(3)));
			if (random.nextInt(100) < 72 && rateAt.isBefore(now)) {
				int r = random.nextInt(100);
				AppealRating rating = r < 80 ? AppealRating.SATISFIED : r < 94 ? AppealRating.BASICALLY_SATISFIED : AppealRating.UNSATISFIED;
				// 不满意 takes the resolution back and reopens the appeal, as a real rating does
				a.rate(ACTOR, rateAt, rating);
				if (!rating.counts()) {
					resolved--;
					open++;
				}
			}
			else if (rateAt.plus(Duration.ofDays(7)).isBefore(now)) {
				a.close(ACTOR, rateAt.plus(Duration.ofDays(7)), null);
			}
		}
		int whistled = whistleSome(appeals, now);
		for (Appeal a : appeals) {
			steps += a.taken().size();
		}
		rows.createWithHistory(appeals);
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("appeals", APPEALS);
		counts.put("resolved", resolved);
		counts.put("open", open);
		counts.put("whistled", whistled);
		counts.put("timelineEntries", steps);
		return counts;
	}

	/**
	 * Some appeals the township took over and has not resolved are whistled (吹哨) to a county department, so a
	 * department's inbox and workbench are not empty in the demo. A random source of their own keeps the rest of the
	 * year (and every figure) as it was.
	 */
	private int whistleSome(List<Appeal> appeals, Instant now) {
		Random random = new Random(SEED + 1);
		String[][] pairs = {{"县民政局"}, {"县住建局"}, {"县民政局", "县人社局"}, {"县自然资源局"}, {"县水务局"}};
		int whistled = 0;
		for (Appeal a : appeals) {
			if (a.level != AppealLevel.TOWNSHIP || a.status != AppealStatus.ACCEPTED || a.taken().isEmpty()) {
				continue;
			}
			Instant at = deadlines.afterWorkingMinutes(a.taken().get(a.taken().size() - 1).entry().at(), 30 + random.nextInt(120));
			if (random.nextInt(100) < 60 && at.isBefore(now)) {
				a.whistle(ACTOR, at, List.of(pairs[random.nextInt(pairs.length)]), "请派员到现场会商", deadlines);
				whistled++;
			}
		}
		return whistled;
	}

	private static int pick(Random random, int[] weights) {
		int total = 0;
		for (int w : weights) {
			total += w;
		}
		int r = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

}

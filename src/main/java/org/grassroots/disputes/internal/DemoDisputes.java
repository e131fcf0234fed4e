package org.grassroots.disputes.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.calendar.WorkingCalendar;
import org.grassroots.disputes.DisputeStatus;
import org.grassroots.disputes.DisputeType;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.registry.RegionType;
import org.grassroots.registry.ResidentDirectory;
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
 * A year of dispute work for the demo county: 清河镇 mediates in 邻里小院 like 李桥乡, 甘泉乡 holds 屋场会
 * like 涟源; boundary cases between the two townships are mediated jointly (边界联调) and about nine in
 * ten are settled, like 澧县's; a roster of 三官一师; each village's monthly screening round, a few of
 * them never reported. Same seed, same year.
 */
@Component
@ConditionalOnProperty(name = "grassroots.demo.enabled", havingValue = "true")
@Order(40)
class DemoDisputes implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDisputes.class);
	private static final long SEED = 20250301L;
	private static final String[][] SUMMARIES = {
			{"NEIGHBOUR", "两户因排水沟走向发生争执", "邻居在公共通道堆放杂物，出行受阻", "养狗扰邻，多次发生口角", "相邻房屋滴水争议"},
			{"MARRIAGE_FAMILY", "兄弟之间因老人赡养费分担发生矛盾", "夫妻因外出务工收入分配争吵，要求调解", "分家析产争议"},
			{"LAND_BOUNDARY", "承包地界桩移位，两户争执", "山林权属界线不清，双方各执一词", "宅基地界址争议"},
			{"LABOUR", "在本村合作社务工的工资结算争议", "装修工人工钱被拖欠"},
			{"CONTRACT", "土地流转合同到期后续签争议", "农机租赁费用纠纷"},
			{"OTHER", "婚丧事宜占道引发矛盾", "小额借款未还"}};
	private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"};
	private static final String[] GIVEN = {"建国", "秀英", "志强", "桂兰", "海涛", "玉梅", "德明", "春花", "小军", "红霞"};

	private final DisputeCases cases;
	private final RegionTree regions;
	private final PersonalDataProtector protector;
	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;
	private final ResidentDirectory residents;

	DemoDisputes(DisputeCases cases, RegionTree regions, PersonalDataProtector protector, JdbcClient jdbc, AuditTrail audit,
			TransactionTemplate transactions, ResidentDirectory residents) {
		this.residents = residents;
		this.cases = cases;
		this.regions = regions;
		this.protector = protector;
		this.jdbc = jdbc;
		this.audit = audit;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		var county = regions.byCode("620799000000");
		if (county.isEmpty()) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
			if (jdbc.sql("SELECT COUNT(*) FROM disputes_case").query(Long.class).single() > 0) {
				return;
			}
			long started = System.nanoTime();
			Map<String, Integer> counts = generate(county.get());
			audit.record(AuditAction.IMPORT, "demo_disputes", null, county.get().path(), "demo disputes loaded", null,
					new LinkedHashMap<>(counts));
			log.info("Demo disputes loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
		});
	}

	private Map<String, Integer> generate(RegionNode county) {
		Random random = new Random(SEED);
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		RegionNode qinghe = regions.byCode("620799100000").orElseThrow();
		RegionNode ganquan = regions.byCode("620799200000").orElseThrow();
		List<RegionNode> villages = regions.subtree(county.path()).stream()
			.filter(r -> r.type() == RegionType.VILLAGE || r.type() == RegionType.COMMUNITY).toList();
		roster(county, qinghe, ganquan);
		// committees and the parties picked from the registry draw from a source of their own
		Random extra = new Random(SEED + 1);
		Map<String, List<Long[]>> committees = committees(county, villages, extra);
		CurrentUser loader = new CurrentUser(0, "demo", "demo", Role.ADMIN, county.code(), county.path(), null,
				EnumSet.allOf(Permission.class));
		Map<String, List<ResidentDirectory.ResidentMatch>> people = new LinkedHashMap<>();
		int made = 0;
		int boundary = 0;
		for (int i = 0; i < 260; i++) {
			RegionNode village = villages.get(random.nextInt(villages.size()));
			boolean isBoundary = i % 9 == 0 && !village.path().contains("/620799001000/");
			String[] texts = isBoundary ? SUMMARIES[2] : SUMMARIES[pick(random, new int[] {38, 18, 16, 8, 10, 10})];
			DisputeCase c = new DisputeCase();
			c.caseNumber = "TMP" + Long.toHexString(random.nextLong()) + i;
			c.source = isBoundary ? DisputeCase.Source.REFERRAL
					: DisputeCase.Source.values()[pick(random, new int[] {35, 25, 15, 20, 5})];
			c.type = DisputeType.valueOf(texts[0]);
			c.risk = DisputeCase.Risk.values()[pick(random, new int[] {70, 25, 5})];
			c.summary = texts[1 + random.nextInt(texts.length - 1)];
			c.regionId = village.id();
			c.regionPath = village.path();
			RegionNode township = regions.byId(village.parentId()).orElseThrow();
			if (isBoundary) {
				RegionNode partner = township.id() == qinghe.id() ? ganquan : qinghe;
				c.partnerRegionId = partner.id();
				c.partnerRegionPath = partner.path();
				c.level = DisputeCase.Level.TOWNSHIP;
				c.committee = township.name() + "人民调解委员会";
				boundary++;
			}
			else {
				c.level = random.nextInt(8) == 0 ? DisputeCase.Level.TOWNSHIP : DisputeCase.Level.VILLAGE;
				c.committee = (c.level == DisputeCase.Level.TOWNSHIP ? township.name() : village.name()) + "人民调解委员会";
			}
			c.receivedOn = today.minusDays(random.nextInt(365));
			c.createdBy = "demo";
			c.createdAt = c.receivedOn.atStartOfDay(WorkingCalendar.ZONE).toInstant();
			c.status = DisputeStatus.OPEN;
			// the parties are residents of the village, now and then someone from outside it (外来人员); the case's own draws
			// come first and stay as they were, so the demo's year of cases is the same
			List<ResidentDirectory.ResidentMatch> pool = people.computeIfAbsent(village.path(), path -> residentsOf(loader, village));
			for (int p = 0; p < 2; p++) {
				DisputeCase.Party.Role role = p == 0 ? DisputeCase.Party.Role.APPLICANT : DisputeCase.Party.Role.RESPONDENT;
				String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
				ProtectedValue phone = protector.protectPhone("13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)));
				if (!pool.isEmpty() && (p == 0 || extra.nextInt(5) != 0)) {
					var resident = pool.get(extra.nextInt(pool.size()));
					var registered = residents.byId(loader, resident.id()).map(ResidentDirectory.ResidentRef::phone).orElse(null);
					c.parties.add(new DisputeCase.Party(role, resident.id(), resident.name(), resident.postalAddress(),
							registered == null ? null : registered.cipher(), registered == null ? null : registered.hash(),
							registered == null ? null : registered.masked()));
				}
				else {
					c.parties.add(new DisputeCase.Party(role, null, name, null, phone.cipher(), phone.hash(), phone.masked()));
				}
			}
			// a member of the committee that handles it mediates: the village's, or the township's for a township case
			String home = c.level == DisputeCase.Level.TOWNSHIP ? township.path() : village.path();
			List<Long[]> members = committees.getOrDefault(home, List.of());
			if (!members.isEmpty()) {
				Long[] member = members.get(extra.nextInt(members.size()));
				c.mediators.add(new DisputeCase.Mediator(DisputeCase.Mediator.Kind.MEDIATOR, null, member[0], memberNames.get(member[0]), null,
						c.committee));
			}
			long age = java.time.temporal.ChronoUnit.DAYS.between(c.receivedOn, today);
			DisputeCase.Session.Kind kind = isBoundary ? DisputeCase.Session.Kind.BOUNDARY_JOINT
					: township.id() == qinghe.id() ? DisputeCase.Session.Kind.NEIGHBOUR_YARD
					: township.id() == ganquan.id() ? DisputeCase.Session.Kind.HOUSE_MEETING : DisputeCase.Session.Kind.COMMITTEE_HEARING;
			int sessions = age < 3 ? 0 : 1 + random.nextInt(3);
			for (int s = 0; s < sessions; s++) {
				LocalDate held = c.receivedOn.plusDays(Math.min(age, 2L + s * 5L));
				c.sessions.add(new DisputeCase.Session(held, kind, kind == DisputeCase.Session.Kind.NEIGHBOUR_YARD ? village.name() + "邻里小院"
						: village.name() + "村民家中", "双方当事人、调解员、组长", "听取双方陈述，讲明政策和情理，双方各让一步。", "demo"));
				c.status = DisputeStatus.MEDIATING;
			}
			if (sessions > 0 && age > 10) {
				LocalDate closed = c.receivedOn.plusDays(5L + random.nextInt((int) Math.min(25, age - 5)));
				int roll = random.nextInt(100);
				int settledShare = isBoundary ? 92 : 88;
				if (roll < settledShare) {
					c.settle("经调解，双方同意按现状划定界线并互相谅解，今后不再因此事发生争执。", closed, 30);
					if (closed.plusDays(30).isBefore(today)) {
						c.followUp(random.nextInt(20) != 0, "回访时双方关系和睦", closed.plusDays(30));
					}
				}
				else if (roll < settledShare + 6) {
					c.fail("双方分歧较大，告知通过诉讼解决", closed);
				}
				else {
					c.refer(DisputeCase.Referral.values()[random.nextInt(3)], "涉及专业问题，移交处理", closed);
				}
			}
			DisputeCase saved = cases.save(c);
			// the number needs the id: set on its own row, not by saving the whole case (parties, sessions …) again
			jdbc.sql("UPDATE disputes_case SET case_number = :n WHERE id = :id")
				.param("n", String.format("TJ%d-%06d", saved.receivedOn.getYear(), saved.id))
				.param("id", saved.id)
				.update();
			made++;
		}
		int rounds = screenings(villages, random, today);
		return Map.of("cases", made, "boundaryCases", boundary, "screeningReports", rounds);
	}

	private final Map<Long, String> memberNames = new java.util.HashMap<>();

	/** Residents of a village the demo's parties are drawn from: some of those of its commonest surnames. */
	private List<ResidentDirectory.ResidentMatch> residentsOf(CurrentUser loader, RegionNode village) {
		List<ResidentDirectory.ResidentMatch> pool = new java.util.ArrayList<>();
		for (String surname : new String[] {"王", "李", "张", "刘"}) {
			residents.search(loader, surname, village.path(), ResidentDirectory.SEARCH_LIMIT).stream()
				.filter(r -> r.name().startsWith(surname) && village.name().equals(r.villageName()))
				.forEach(pool::add);
		}
		return pool;
	}

	/**
	 * The people's mediation committees (人民调解委员会): three members in each village and community (主任 and two
	 * members), four in each township. Keyed by the committee's place, each member as {id}.
	 */
	private Map<String, List<Long[]>> committees(RegionNode county, List<RegionNode> villages, Random random) {
		Map<String, List<Long[]>> committees = new LinkedHashMap<>();
		List<RegionNode> places = new java.util.ArrayList<>(regions.subtree(county.path()).stream()
			.filter(r -> r.type() == RegionType.TOWNSHIP).toList());
		places.addAll(villages);
		for (RegionNode place : places) {
			int size = place.type() == RegionType.TOWNSHIP ? 4 : 3;
			for (int i = 0; i < size; i++) {
				String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
				jdbc.sql("""
						INSERT INTO disputes_professional (name, kind, organisation, region_id, region_path)
						VALUES (:n, 'MEDIATOR', :o, :r, :p)""")
					.param("n", name).param("o", Professionals.committeeOf(place)).param("r", place.id()).param("p", place.path())
					.update();
				long id = jdbc.sql("SELECT MAX(id) FROM disputes_professional WHERE region_id = :r").param("r", place.id())
					.query(Long.class).single();
				memberNames.put(id, name);
				committees.computeIfAbsent(place.path(), k -> new java.util.ArrayList<>()).add(new Long[] {id});
			}
		}
		return committees;
	}

	/** 三官一师: a judge, prosecutor and lawyer for the county, a police officer for each rural township. */
	private void roster(RegionNode county, RegionNode qinghe, RegionNode ganquan) {
		Object[][] roster = {{"刘法官", "JUDGE", "青山县人民法院", county}, {"郑检察官", "PROSECUTOR", "青山县人民检察院", county},
				{"周律师", "LAWYER", "青山律师事务所", county}, {"马警官", "POLICE", "清河派出所", qinghe},
				{"何警官", "POLICE", "甘泉派出所", ganquan}};
		for (Object[] p : roster) {
			RegionNode at = (RegionNode) p[3];
			jdbc.sql("INSERT INTO disputes_professional (name, kind, organisation, region_id, region_path) VALUES (:n, :k, :o, :r, :p)")
				.param("n", p[0]).param("k", p[1]).param("o", p[2]).param("r", at.id()).param("p", at.path())
				.update();
		}
	}

	/** Twelve monthly rounds for each village; most find nothing (零报告), two villages often forget to report. */
	private int screenings(List<RegionNode> villages, Random random, LocalDate today) {
		int reports = 0;
		YearMonth now = YearMonth.from(today);
		for (RegionNode v : villages) {
			boolean forgetful = v.code().equals("620799200203") || v.code().equals("620799001004");
			for (int m = 12; m >= 0; m--) {
				YearMonth period = now.minusMonths(m);
				if ((forgetful && random.nextInt(3) == 0) || (m == 0 && random.nextInt(2) == 0)) {
					continue;
				}
				int found = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
				jdbc.sql("""
						INSERT INTO disputes_screening (region_id, region_path, period, found, note, reported_by, reported_at)
						VALUES (:r, :p, :period, :f, :n, 'demo', :at)""")
					.param("r", v.id()).param("p", v.path()).param("period", period.toString()).param("f", found)
					.param("n", found == 0 ? null : "已逐一登记并启动调解")
					.param("at", OffsetDateTime.ofInstant(period.atDay(Math.min(25, period.lengthOfMonth())).atStartOfDay(WorkingCalendar.ZONE)
						.toInstant().isAfter(Instant.now()) ? Instant.now() : period.atDay(25).atStartOfDay(WorkingCalendar.ZONE).toInstant(), ZoneOffset.UTC))
					.update();
				reports++;
			}
		}
		return reports;
	}

	private static int pick(Random random, int[] weights) {
		int total = java.util.Arrays.stream(weights).sum();
		int roll = random.nextInt(total);
		for (int i = 0; i < weights.length; i++) {
			roll -= weights[i];
			if (roll < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

}

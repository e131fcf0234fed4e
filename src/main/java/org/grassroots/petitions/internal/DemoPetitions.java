package org.grassroots.petitions.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
 * Two years of petitions for the demo county, so that the year-on-year figures mean something: fewer
 * batches this year than last, and about a quarter fewer that skipped a level (武川 reports 越级访 down
 * 27%); most cases closed out item by item, some late, a few returning, some still open — a handful past
 * their deadline. Same seed, same two years.
 */
@Component
@ConditionalOnProperty(name = "grassroots.demo.enabled", havingValue = "true")
@Order(41)
class DemoPetitions implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoPetitions.class);
	private static final long SEED = 20250401L;
	private static final String[][] MATTERS = {
			{"LAND", "反映征地补偿款未足额发放", "承包地被占用修路补偿争议", "土地确权面积与实际不符"},
			{"LABOUR_WAGES", "反映在县城工地务工被拖欠工资", "合作社拖欠务工人员工资"},
			{"SOCIAL_SECURITY", "申请低保未获批准，要求复核", "养老保险待遇计算有误"},
			{"ENVIRONMENT", "养殖场异味影响周边群众生活", "河道采砂破坏耕地"},
			{"CONSTRUCTION", "危房改造补助未到位", "村道硬化工程质量问题"},
			{"VILLAGE_AFFAIRS", "要求公开村集体收支账目", "村干部选举程序有异议"},
			{"OTHER", "对邻里纠纷调解结果不满", "要求解决子女入学问题"}};
	private static final String[] OWNERS_QINGHE = {"qinghe.leader", "qinghe.deputy"};
	private static final String[] OWNERS_GANQUAN = {"ganquan.leader", "ganquan.deputy"};

	private final PetitionRecords petitions;
	private final RegionTree regions;
	private final PersonalDataProtector protector;
	private final JdbcClient jdbc;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;

	DemoPetitions(PetitionRecords petitions, RegionTree regions, PersonalDataProtector protector, JdbcClient jdbc, AuditTrail audit,
			TransactionTemplate transactions) {
		this.petitions = petitions;
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
			if (jdbc.sql("SELECT COUNT(*) FROM petitions_petition").query(Long.class).single() > 0) {
				return;
			}
			long started = System.nanoTime();
			Map<String, Integer> counts = generate(county.get());
			audit.record(AuditAction.IMPORT, "demo_petitions", null, county.get().path(), "demo petitions loaded", null,
					new LinkedHashMap<>(counts));
			log.info("Demo petitions loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
		});
	}

	private Map<String, Integer> generate(RegionNode county) {
		Random random = new Random(SEED);
		LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
		List<RegionNode> places = regions.subtree(county.path()).stream()
			.filter(r -> (r.type() == RegionType.VILLAGE) && (r.path().contains("/620799100000/") || r.path().contains("/620799200000/")))
			.toList();
		List<String> phones = new java.util.ArrayList<>();
		int made = 0;
		for (int year = 1; year >= 0; year--) {
			// last year 80 batches, a third of them skipping a level; this year 64, a quarter skipping
			int batches = year == 1 ? 80 : 64;
			int leapShare = year == 1 ? 33 : 30;
			for (int i = 0; i < batches; i++) {
				RegionNode village = places.get(random.nextInt(places.size()));
				boolean qinghe = village.path().contains("/620799100000/");
				String[] texts = MATTERS[random.nextInt(MATTERS.length)];
				Petition p = new Petition();
				p.caseNumber = "TMP" + Long.toHexString(random.nextLong()) + made;
				p.form = Petition.Form.values()[random.nextInt(4)];
				p.receivedOn = today.minusYears(year).minusDays(random.nextInt(year == 1 ? 365 : Math.max(1, today.getDayOfYear())));
				p.headcount = random.nextInt(10) < 7 ? 1 + random.nextInt(3) : 5 + random.nextInt(20);
				p.matter = texts[1 + random.nextInt(texts.length - 1)];
				p.category = Petition.Category.valueOf(texts[0]);
				p.regionId = village.id();
				p.regionPath = village.path();
				p.jurisdiction = Petition.Level.TOWNSHIP;
				boolean skips = random.nextInt(100) < leapShare;
				p.levelReached = skips ? (random.nextInt(4) == 0 ? Petition.Level.PROVINCE : Petition.Level.CITY)
						: random.nextBoolean() ? Petition.Level.COUNTY : Petition.Level.TOWNSHIP;
				p.leapfrog = Petition.skipsALevel(p.jurisdiction, p.levelReached);
				p.ownerUsername = (qinghe ? OWNERS_QINGHE : OWNERS_GANQUAN)[random.nextInt(2)];
				p.dueOn = p.receivedOn.plusDays(60);
				p.status = Petition.Status.OPEN;
				p.createdBy = "demo";
				p.createdAt = p.receivedOn.atStartOfDay(WorkingCalendar.ZONE).toInstant();
				String phone;
				if (!phones.isEmpty() && random.nextInt(8) == 0) {
					phone = phones.get(random.nextInt(phones.size()));
				}
				else {
					phone = "15" + (random.nextInt(9) + 1) + String.format("%08d", random.nextInt(100_000_000));
					phones.add(phone);
				}
				ProtectedValue protectedPhone = protector.protectPhone(phone);
				p.repeatOf = jdbc.sql("""
						SELECT MIN(x.id) FROM petitions_petition x JOIN petitions_petitioner y ON y.petition_id = x.id
						WHERE y.phone_hash = :h AND x.received_on >= :since AND x.received_on <= :until""")
					.param("h", protectedPhone.hash()).param("since", p.receivedOn.minusYears(1)).param("until", p.receivedOn)
					.query(Long.class).optional().orElse(null);
				p.petitioners.add(new Petition.Petitioner(null, "信访人" + (made + 1), protectedPhone.cipher(), protectedPhone.hash(),
						protectedPhone.masked()));
				int items = 1 + random.nextInt(3);
				for (int k = 0; k < items; k++) {
					p.items.add(Petition.Item.open(k == 0 ? p.matter : k == 1 ? "依法依规答复并做好解释工作" : "落实后续帮扶措施"));
				}
				long age = java.time.temporal.ChronoUnit.DAYS.between(p.receivedOn, today);
				boolean stillOpen = age < 20 || random.nextInt(100) < (year == 0 ? 12 : 2);
				if (!stillOpen) {
					long took = 10 + random.nextInt(random.nextInt(10) == 0 ? 90 : 55);
					LocalDate done = p.receivedOn.plusDays(Math.min(took, age));
					String owner = p.ownerUsername;
					String handler = owner.startsWith("qinghe") ? "qinghe.staff" : "ganquan.staff";
					for (int k = 0; k < items; k++) {
						p.requestClose(k, "已办理并向信访人书面答复，信访人签字确认", handler, done.minusDays(1));
						p.approve(k, owner, done);
					}
					if (random.nextInt(25) == 0 && done.plusDays(10).isBefore(today)) {
						p.reopen(0, "信访人再次反映同一问题");
					}
				}
				Petition saved = petitions.save(p);
				saved.caseNumber = String.format("XF%d-%06d", saved.receivedOn.getYear(), saved.id);
				petitions.save(saved);
				made++;
			}
		}
		return Map.of("petitions", made);
	}

}

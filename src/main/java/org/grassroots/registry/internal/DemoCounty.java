package org.grassroots.registry.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.grassroots.access.AccountProvisioning;
import org.grassroots.access.Role;
import org.grassroots.audit.AuditAction;
import org.grassroots.audit.AuditTrail;
import org.grassroots.privacy.IdNumber;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.ProtectedValue;
import org.grassroots.registry.RegionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo county 青山县, modelled on the seed reports: 3 townships (one run like 李桥乡, one with
 * 片-组-邻 三长制 like 甘溪滩镇, one urban 街道), 12 villages and communities, 40 grids, about 3,000
 * households and 9,000 residents, a party tree with about 400 members each serving 5–10 households,
 * and an account for every role. Loaded once into an empty database; the same seed gives the same
 * county every time.
 */
@Component
@ConditionalOnProperty(name = "grassroots.demo.enabled", havingValue = "true")
@org.springframework.core.annotation.Order(10)
class DemoCounty implements ApplicationRunner {

	static final String PASSWORD = "demo1234";
	static final String COUNTY_CODE = "620799000000";
	private static final Logger log = LoggerFactory.getLogger(DemoCounty.class);
	private static final long SEED = 20240918L;
	private static final OffsetDateTime LOADED_AT = OffsetDateTime.of(2024, 1, 2, 9, 0, 0, 0, ZoneOffset.ofHours(8));

	private static final String SURNAMES = "王王王李李李张张张刘刘陈陈杨杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
	private static final String MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文德永海春生福贵成宝山忠";
	private static final String FEMALE_CHARS = "芳娜敏静丽艳娟霞秀英燕玲桂兰琴云莲红梅萍洁琳雪慧颖倩婷月凤珍玉花美晶彩翠丹菊";

	private final JdbcClient jdbc;
	private final JdbcTemplate template;
	private final Regions regions;
	private final PersonalDataProtector protector;
	private final AccountProvisioning accounts;
	private final AuditTrail audit;
	private final TransactionTemplate transactions;

	private final org.grassroots.registry.CountyDepartments departments;

	DemoCounty(JdbcClient jdbc, JdbcTemplate template, Regions regions, PersonalDataProtector protector,
			AccountProvisioning accounts, AuditTrail audit, TransactionTemplate transactions,
			org.grassroots.registry.CountyDepartments departments) {
		this.departments = departments;
		this.jdbc = jdbc;
		this.template = template;
		this.regions = regions;
		this.protector = protector;
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		transactions.executeWithoutResult(status -> {
			// the audit head lock doubles as a start-up lock: several nodes starting at once load it once
			jdbc.sql("SELECT last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE").query(Long.class).single();
			if (jdbc.sql("SELECT COUNT(*) FROM registry_region").query(Long.class).single() > 0) {
				return;
			}
			long started = System.nanoTime();
			Map<String, Integer> counts = new Generator().generate();
			audit.record(AuditAction.IMPORT, "demo_county", COUNTY_CODE, "/" + COUNTY_CODE + "/", "demo county loaded", null,
					new LinkedHashMap<>(counts));
			log.info("Demo county loaded in {} ms: {}", (System.nanoTime() - started) / 1_000_000, counts);
		});
	}

	private record VillagePlan(String code, String name, RegionType type, boolean threeLeaders, double lat, double lon) {
	}

	private record Person(long id, long householdId, String path, String name, Resident.Gender gender, LocalDate birth,
			Resident.Relation relation, Set<String> tags) {
	}

	/** One generation run; all randomness comes from one seeded source, in a fixed order. */
	private final class Generator {

		private final Random random = new Random(SEED);
		private final Set<String> usedIds = new HashSet<>();
		private final List<Object[]> households = new ArrayList<>();
		private final List<Object[]> householdTags = new ArrayList<>();
		private final List<Object[]> residents = new ArrayList<>();
		private final List<Object[]> residentTags = new ArrayList<>();
		private final List<Object[]> events = new ArrayList<>();
		private final List<Person> people = new ArrayList<>();
		private final Map<Long, List<Long>> householdsByGrid = new LinkedHashMap<>();
		private final Map<Long, Region> gridOfHousehold = new LinkedHashMap<>();
		private final List<Region> grids = new ArrayList<>();
		private long nextHousehold = 1;
		private long nextResident = 1;

		Map<String, Integer> generate() {
			Region county = save(Region.under(null, COUNTY_CODE, "青山县", RegionType.COUNTY), 38.80, 101.10, 0.9);
			Region qinghe = save(Region.under(county, "620799100000", "清河镇", RegionType.TOWNSHIP), 38.95, 101.00, 0.3);
			Region ganquan = save(Region.under(county, "620799200000", "甘泉乡", RegionType.TOWNSHIP), 38.62, 101.25, 0.3);
			Region chengguan = save(Region.under(county, "620799001000", "城关街道", RegionType.TOWNSHIP), 38.80, 101.10, 0.1);
			duty(qinghe, RegionDuty.Duty.TOWNSHIP_SECRETARY);
			duty(ganquan, RegionDuty.Duty.TOWNSHIP_SECRETARY);
			duty(chengguan, RegionDuty.Duty.TOWNSHIP_SECRETARY);
			Map<Region, List<VillagePlan>> plan = new LinkedHashMap<>();
			plan.put(qinghe, List.of(new VillagePlan("620799100201", "高庙村", RegionType.VILLAGE, false, 38.98, 100.96),
					new VillagePlan("620799100202", "河湾村", RegionType.VILLAGE, false, 38.93, 101.04),
					new VillagePlan("620799100203", "新庄村", RegionType.VILLAGE, false, 38.99, 101.05),
					new VillagePlan("620799100204", "柳树村", RegionType.VILLAGE, false, 38.91, 100.95)));
			plan.put(ganquan, List.of(new VillagePlan("620799200201", "溪上村", RegionType.VILLAGE, true, 38.65, 101.22),
					new VillagePlan("620799200202", "茶园村", RegionType.VILLAGE, true, 38.60, 101.29),
					new VillagePlan("620799200203", "桐溪村", RegionType.VILLAGE, false, 38.58, 101.20),
					new VillagePlan("620799200204", "石门村", RegionType.VILLAGE, false, 38.66, 101.30)));
			plan.put(chengguan, List.of(new VillagePlan("620799001001", "东关社区", RegionType.COMMUNITY, false, 38.805, 101.115),
					new VillagePlan("620799001002", "西街社区", RegionType.COMMUNITY, false, 38.800, 101.085),
					new VillagePlan("620799001003", "南苑社区", RegionType.COMMUNITY, false, 38.785, 101.100),
					new VillagePlan("620799001004", "北园社区", RegionType.COMMUNITY, false, 38.818, 101.102)));

			List<Region> villages = new ArrayList<>();
			for (var entry : plan.entrySet()) {
				for (VillagePlan v : entry.getValue()) {
					Region village = save(Region.under(entry.getKey(), v.code(), v.name(), v.type()), v.lat(), v.lon(), 0.02);
					duty(village, RegionDuty.Duty.VILLAGE_SECRETARY);
					duty(village, RegionDuty.Duty.VILLAGE_DIRECTOR);
					villages.add(village);
					int gridCount = v.type() == RegionType.COMMUNITY ? 4 : 3;
					for (int g = 1; g <= gridCount; g++) {
						double glat = v.lat() + (g - (gridCount + 1) / 2.0) * 0.012;
						Region grid = save(Region.under(village, v.code() + String.format("%02d", g), "第" + chinese(g) + "网格",
								RegionType.GRID), glat, v.lon(), 0.005);
						duty(grid, RegionDuty.Duty.GRID_WORKER);
						grids.add(grid);
						householdsByGrid.put(grid.id, new ArrayList<>());
						if (v.threeLeaders()) {
							threeLeaderHouseholds(village, grid);
						}
						else {
							int count = v.type() == RegionType.COMMUNITY ? 60 + random.nextInt(21) : 70 + random.nextInt(31);
							for (int i = 0; i < count; i++) {
								household(village, grid, grid);
							}
						}
					}
				}
			}
			batch();
			Map<String, Integer> party = new PartyGenerator(county, List.of(qinghe, ganquan, chengguan), villages).generate();
			provisionAccounts();
			Map<String, Integer> counts = new LinkedHashMap<>();
			counts.put("regions", (int) regions.count());
			counts.put("grids", grids.size());
			counts.put("households", households.size());
			counts.put("residents", residents.size());
			counts.putAll(party);
			return counts;
		}

		/** 片 → 组 → 邻 below the grid; households hang on the 邻. */
		private void threeLeaderHouseholds(Region village, Region grid) {
			for (int s = 1; s <= 2; s++) {
				Region section = save(Region.under(grid, grid.code + String.format("%02d", s), "第" + chinese(s) + "片",
						RegionType.SECTION), grid.centreLat + (s - 1.5) * 0.004, grid.centreLon, 0.0025);
				duty(section, RegionDuty.Duty.SECTION_LEADER);
				for (int g = 1; g <= 2; g++) {
					Region group = save(Region.under(section, section.code + String.format("%02d", g), chinese(s * 2 - 2 + g) + "组",
							RegionType.GROUP), section.centreLat, section.centreLon + (g - 1.5) * 0.004, 0.0012);
					duty(group, RegionDuty.Duty.GROUP_LEADER);
					for (int b = 1; b <= 2; b++) {
						Region block = save(Region.under(group, group.code + String.format("%02d", b), "第" + chinese(b) + "邻",
								RegionType.BLOCK), group.centreLat + (b - 1.5) * 0.002, group.centreLon, 0.0006);
						duty(block, RegionDuty.Duty.BLOCK_LEADER);
						int count = 9 + random.nextInt(5);
						for (int i = 0; i < count; i++) {
							household(village, grid, block);
						}
					}
				}
			}
		}

		private Region save(Region region, double lat, double lon, double halfSize) {
			region.centreLat = round(lat);
			region.centreLon = round(lon);
			if (region.type != RegionType.COUNTY) {
				region.boundary = String.format(Locale.ROOT,
						"{\"type\":\"Polygon\",\"coordinates\":[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}",
						lon - halfSize, lat - halfSize * 0.5, lon + halfSize, lat - halfSize * 0.5, lon + halfSize,
						lat + halfSize * 0.5, lon - halfSize, lat + halfSize * 0.5, lon - halfSize, lat - halfSize * 0.5);
			}
			return regions.save(region);
		}

		private void duty(Region region, RegionDuty.Duty duty) {
			Resident.Gender gender = random.nextInt(3) == 0 ? Resident.Gender.FEMALE : Resident.Gender.MALE;
			ProtectedValue phone = protector.protectPhone(phone());
			RegionDuty added = new RegionDuty(duty, surname() + given(gender), null, phone.cipher(), phone.masked());
			region.duties.add(added);
			// the one new row, where saving the aggregate rewrote all of the node's duties (a fifth of the county's load)
			template.update("""
					INSERT INTO registry_region_duty (region_id, region_key, duty, person_name, resident_id, phone_cipher, phone_masked)
					VALUES (?, ?, ?, ?, NULL, ?, ?)""", region.id, region.duties.size() - 1, added.duty().name(), added.personName(),
					added.phoneCipher(), added.phoneMasked());
		}

		private void household(Region village, Region grid, Region node) {
			long id = nextHousehold++;
			boolean community = village.type == RegionType.COMMUNITY;
			int index = householdsByGrid.get(grid.id).size() + 1;
			String address = community
					? village.name.replace("社区", "") + "路" + (grid.code.substring(grid.code.length() - 1)) + "号院" + (1 + index / 12)
							+ "栋" + (1 + (index % 12) / 4) + "单元" + (101 + index % 4 + 100 * (index % 6)) + "室"
					: village.name + node.name.replace("第", "").replace("网格", "组").replace("邻", "邻") + index + "号";
			int size = pick(new int[] {12, 25, 25, 20, 12, 6}) + 1;
			boolean away = random.nextInt(100) < 6;
			Household.Status status = away && size == 1 ? Household.Status.AWAY : Household.Status.RESIDENT;
			double lat = node.centreLat + (random.nextDouble() - 0.5) * 0.002;
			double lon = node.centreLon + (random.nextDouble() - 0.5) * 0.004;
			String surname = surname();
			int headAge = size == 1 ? 45 + random.nextInt(43) : 28 + random.nextInt(50);
			Resident.Gender headGender = random.nextInt(10) < 8 ? Resident.Gender.MALE : Resident.Gender.FEMALE;
			Long headId = null;
			List<Person> members = new ArrayList<>();
			members.add(person(id, node.path, surname, headGender, headAge, Resident.Relation.HEAD));
			headId = members.get(0).id();
			if (size >= 2) {
				Resident.Gender g = headGender == Resident.Gender.MALE ? Resident.Gender.FEMALE : Resident.Gender.MALE;
				members.add(person(id, node.path, surname(), g, Math.max(20, headAge + random.nextInt(9) - 4), Resident.Relation.SPOUSE));
			}
			int children = size - 2;
			if (children > 0 && headAge > 72 && random.nextBoolean()) {
				members.add(person(id, node.path, surname, randomGender(), headAge - 25 - random.nextInt(10), Resident.Relation.CHILD));
				children--;
			}
			if (children > 0 && headAge < 55 && random.nextInt(3) == 0) {
				members.add(person(id, node.path, surname, randomGender(), headAge + 24 + random.nextInt(8), Resident.Relation.PARENT));
				children--;
			}
			for (int c = 0; c < children; c++) {
				int childAge = Math.max(0, headAge - 22 - random.nextInt(14));
				members.add(person(id, node.path, surname, randomGender(), childAge,
						childAge < 14 && headAge > 55 ? Resident.Relation.GRANDCHILD : Resident.Relation.CHILD));
			}
			boolean parentsAway = away && size >= 3;
			boolean allElderly = members.stream().allMatch(p -> age(p) >= 65);
			boolean subsistence = random.nextInt(100) < 5;
			for (Person p : members) {
				int age = age(p);
				if (allElderly && age >= 60) {
					p.tags().add("EMPTY_NEST");
				}
				if (members.size() == 1 && age >= 60) {
					p.tags().add("LIVING_ALONE");
				}
				if (random.nextInt(100) < 3) {
					p.tags().add("DISABLED");
				}
				if (subsistence && p.relation() == Resident.Relation.HEAD) {
					p.tags().add("SUBSISTENCE");
				}
				if (random.nextInt(200) == 0 && age >= 60) {
					p.tags().add("EXTREME_POVERTY");
				}
				if (parentsAway && age < 16) {
					p.tags().add("LEFT_BEHIND_CHILD");
				}
				if (p.gender() == Resident.Gender.MALE && age >= 40 && age <= 75 && random.nextInt(100) < 5) {
					p.tags().add("VETERAN");
				}
				if (age >= 18 && random.nextInt(400) == 0) {
					p.tags().add("KEY_PERSON");
				}
			}
			households.add(new Object[] {id, node.id, node.path, address, status.name(), headId, round(lat), round(lon),
					LOADED_AT, LOADED_AT});
			if (subsistence) {
				householdTags.add(new Object[] {id, "HARDSHIP"});
			}
			if (random.nextInt(100) < 8) {
				householdTags.add(new Object[] {id, "CIVILISED"});
			}
			for (Person p : members) {
				boolean isAway = parentsAway && age(p) >= 20 && age(p) <= 50;
				residents.add(residentRow(p, isAway ? Resident.Status.AWAY : Resident.Status.PRESENT));
				p.tags().forEach(t -> residentTags.add(new Object[] {p.id(), t}));
				events.add(new Object[] {p.id(), "MOVE_IN", LOADED_AT.toLocalDate(), null, id, "demo", "system", LOADED_AT});
				people.add(p);
			}
			householdsByGrid.get(grid.id).add(id);
		}

		private Object[] residentRow(Person p, Resident.Status status) {
			String idNumber = idNumber(p.birth(), p.gender());
			ProtectedValue id = protector.protectIdNumber(idNumber);
			boolean hasPhone = age(p) >= 16 && random.nextInt(10) < 8;
			ProtectedValue phone = hasPhone ? protector.protectPhone(phone()) : new ProtectedValue(null, null, null);
			int age = age(p);
			Resident.PoliticalStatus political = age >= 14 && age <= 28 && random.nextInt(10) < 3
					? Resident.PoliticalStatus.LEAGUE_MEMBER : Resident.PoliticalStatus.MASSES;
			String ethnicity = random.nextInt(100) < 4 ? (random.nextBoolean() ? "回族" : "藏族") : "汉族";
			return new Object[] {p.id(), p.householdId(), p.path(), p.name(), p.gender().name(), p.birth(), id.cipher(),
					id.hash(), id.masked(), phone.cipher(), phone.hash(), phone.masked(), p.relation().name(), ethnicity,
					political.name(), status.name(), LOADED_AT, LOADED_AT};
		}

		private void batch() {
			template.batchUpdate("""
					INSERT INTO registry_household (id, region_id, region_path, address, status, head_resident_id, latitude, longitude,
					  created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)""", households);
			template.batchUpdate("""
					INSERT INTO registry_resident (id, household_id, region_path, name, gender, birth_date, id_number_cipher,
					  id_number_hash, id_number_masked, phone_cipher, phone_hash, phone_masked, relation, ethnicity,
					  political_status, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", residents);
			template.batchUpdate("INSERT INTO registry_household_tag (household_id, tag_code) VALUES (?,?)", householdTags);
			template.batchUpdate("INSERT INTO registry_resident_tag (resident_id, tag_code) VALUES (?,?)", residentTags);
			template.batchUpdate("""
					INSERT INTO registry_residence_event (resident_id, kind, occurred_on, from_household_id, to_household_id, note,
					  recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?)""", events);
			restartIdentity("registry_household", nextHousehold);
			restartIdentity("registry_resident", nextResident);
		}

		private void restartIdentity(String table, long next) {
			String database = template.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c -> c.getMetaData()
				.getDatabaseProductName());
			if ("PostgreSQL".equals(database)) {
				// the application's role may use the sequence but does not own the table (README, Security)
				template.queryForObject("SELECT setval(pg_get_serial_sequence(?, 'id'), ?, false)", Long.class, table, next);
			}
			else {
				template.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
			}
		}

		private Person person(long household, String path, String surname, Resident.Gender gender, int age,
				Resident.Relation relation) {
			LocalDate birth = LOADED_AT.toLocalDate().minusYears(age).minusDays(random.nextInt(365));
			return new Person(nextResident++, household, path, surname + given(gender), gender, birth, relation, new HashSet<>());
		}

		private int age(Person p) {
			return java.time.Period.between(p.birth(), LOADED_AT.toLocalDate()).getYears();
		}

		private String idNumber(LocalDate birth, Resident.Gender gender) {
			while (true) {
				int seq = random.nextInt(500) * 2 + (gender == Resident.Gender.MALE ? 1 : 0);
				String first17 = COUNTY_CODE.substring(0, 6) + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
						+ String.format("%03d", seq);
				String id = first17 + IdNumber.checkCharacter(first17);
				if (usedIds.add(id)) {
					return id;
				}
			}
		}

		private String phone() {
			String[] prefixes = {"138", "139", "135", "136", "150", "151", "152", "158", "159", "177", "180", "181", "186", "189", "199"};
			return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
		}

		private String surname() {
			return String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
		}

		private String given(Resident.Gender gender) {
			String chars = gender == Resident.Gender.MALE ? MALE_CHARS : FEMALE_CHARS;
			String first = String.valueOf(chars.charAt(random.nextInt(chars.length())));
			return random.nextInt(3) == 0 ? first : first + chars.charAt(random.nextInt(chars.length()));
		}

		private Resident.Gender randomGender() {
			return random.nextBoolean() ? Resident.Gender.MALE : Resident.Gender.FEMALE;
		}

		private int pick(int[] weights) {
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

		/** Party tree and members: county committee → township committees → village branches → grid branches. */
		private final class PartyGenerator {

			private final Region county;
			private final List<Region> townships;
			private final List<Region> villages;

			PartyGenerator(Region county, List<Region> townships, List<Region> villages) {
				this.county = county;
				this.townships = townships;
				this.villages = villages;
			}

			Map<String, Integer> generate() {
				long countyOrg = org("中共青山县委", PartyOrganisation.Type.COMMITTEE, null, "/", county);
				Map<Long, Long> townshipOrg = new LinkedHashMap<>();
				Map<Long, String> townshipOrgPath = new LinkedHashMap<>();
				for (Region t : townships) {
					String name = "中共" + t.name + (t.name.endsWith("街道") ? "工作委员会" : "委员会");
					long id = org(name, PartyOrganisation.Type.COMMITTEE, countyOrg, "/" + countyOrg + "/", t);
					townshipOrg.put(t.id, id);
					townshipOrgPath.put(t.id, "/" + countyOrg + "/" + id + "/");
				}
				int orgs = 1 + townships.size();
				List<Object[]> members = new ArrayList<>();
				List<Object[]> links = new ArrayList<>();
				List<Long> memberResidents = new ArrayList<>();
				long nextMember = 1;
				for (Region v : villages) {
					boolean community = v.type == RegionType.COMMUNITY;
					String parentPath = townshipOrgPath.get(v.parentId);
					long villageOrg = org("中共" + v.name + (community ? "支部委员会" : "总支部委员会"),
							community ? PartyOrganisation.Type.BRANCH : PartyOrganisation.Type.GENERAL_BRANCH,
							townshipOrg.get(v.parentId), parentPath, v);
					orgs++;
					String villagePath = parentPath + villageOrg + "/";
					for (Region grid : grids.stream().filter(g -> g.parentId.equals(v.id)).toList()) {
						long gridOrg = org(v.name + grid.name + "党支部", PartyOrganisation.Type.GRID_BRANCH, villageOrg,
								villagePath, grid);
						orgs++;
						List<Long> gridHouseholds = householdsByGrid.get(grid.id);
						List<Person> candidates = people.stream()
							.filter(p -> p.path().startsWith(grid.path) && age(p) >= 25 && age(p) <= 80)
							.toList();
						int memberCount = Math.min(candidates.size(), Math.max(6, gridHouseholds.size() / 8));
						int cursor = 0;
						Set<Long> chosen = new HashSet<>();
						for (int m = 0; m < memberCount; m++) {
							Person p = candidates.get(random.nextInt(candidates.size()));
							if (!chosen.add(p.id())) {
								continue;
							}
							int target = 5 + random.nextInt(6);
							long memberId = nextMember++;
							int joinedYear = Math.min(2023, p.birth().getYear() + 20 + random.nextInt(Math.max(1, age(p) - 20)));
							boolean mobile = random.nextInt(100) < 7;
							String posts = m == 0 ? "支部书记" : m == 1 ? "支部委员" : m % 4 == 0 ? "中心户长" : null;
							members.add(new Object[] {memberId, p.id(), gridOrg, grid.path, LocalDate.of(joinedYear, 1 + random.nextInt(12), 1),
									posts, mobile, target});
							memberResidents.add(p.id());
							for (int k = 0; k < target && cursor < gridHouseholds.size(); k++) {
								links.add(new Object[] {memberId, gridHouseholds.get(cursor++)});
							}
						}
					}
				}
				template.batchUpdate("""
						INSERT INTO registry_party_member (id, resident_id, org_id, region_path, joined_on, posts, mobile, target_households)
						VALUES (?,?,?,?,?,?,?,?)""", members);
				template.batchUpdate("INSERT INTO registry_member_household (member_id, household_id) VALUES (?,?)", links);
				template.batchUpdate("UPDATE registry_resident SET political_status = 'PARTY_MEMBER' WHERE id = ?",
						memberResidents.stream().map(id -> new Object[] {id}).toList());
				restartIdentity("registry_party_member", nextMember);
				Map<String, Integer> counts = new LinkedHashMap<>();
				counts.put("partyOrganisations", orgs);
				counts.put("partyMembers", members.size());
				counts.put("memberHouseholdLinks", links.size());
				return counts;
			}

			private long org(String name, PartyOrganisation.Type type, Long parentId, String parentPath, Region region) {
				PartyOrganisation org = new PartyOrganisation();
				org.name = name;
				org.type = type;
				org.parentId = parentId;
				org.regionId = region.id;
				org.regionPath = region.path;
				org.secretaryName = surname() + given(Resident.Gender.MALE);
				org.path = "pending";
				jdbc.sql("""
						INSERT INTO registry_party_org (name, type, parent_id, path, region_id, region_path, secretary_name)
						VALUES (:name, :type, :parent, :path, :region, :regionPath, :secretary)""")
					.param("name", org.name).param("type", type.name()).param("parent", parentId).param("path", "pending")
					.param("region", region.id).param("regionPath", region.path).param("secretary", org.secretaryName)
					.update();
				long id = jdbc.sql("SELECT MAX(id) FROM registry_party_org").query(Long.class).single();
				jdbc.sql("UPDATE registry_party_org SET path = :path WHERE id = :id").param("path", parentPath + id + "/").param("id", id).update();
				return id;
			}

		}

		private void provisionAccounts() {
			// the county's departments the townships whistle (吹哨), before the department accounts that belong to them
			departments.seed("/" + COUNTY_CODE + "/", List.of("县民政局", "县住建局", "县自然资源局", "县水务局", "县农业农村局", "县人社局",
					"县交通运输局", "县生态环境局", "县卫健委", "县市场监管局", "县公安局"));
			record Demo(String username, String name, Role role, String region, String department) {
			}
			List<Demo> demo = List.of(new Demo("admin", "系统管理员", Role.ADMIN, COUNTY_CODE, null),
					new Demo("county.staff", "县治理中心 李明", Role.COUNTY_STAFF, COUNTY_CODE, null),
					new Demo("supervisor", "县纪委监委 赵刚", Role.SUPERVISOR, COUNTY_CODE, null),
					new Demo("dispatcher", "县接诉即办指挥中心 何静", Role.COUNTY_STAFF, COUNTY_CODE, null),
					new Demo("mzj.staff", "县民政局 王芳", Role.DEPARTMENT_STAFF, COUNTY_CODE, "县民政局"),
					new Demo("qinghe.leader", "清河镇党委书记 陈建国", Role.TOWNSHIP_LEADER, "620799100000", null),
					new Demo("qinghe.staff", "清河镇综治办 刘娜", Role.TOWNSHIP_STAFF, "620799100000", null),
					new Demo("ganquan.leader", "甘泉乡党委书记 周强", Role.TOWNSHIP_LEADER, "620799200000", null),
					new Demo("gaomiao.cadre", "高庙村党总支书记 张伟", Role.VILLAGE_CADRE, "620799100201", null),
					new Demo("xishang.cadre", "溪上村党总支书记 杨磊", Role.VILLAGE_CADRE, "620799200201", null),
					new Demo("gaomiao.grid1", "高庙村第一网格员 孙丽", Role.GRID_WORKER, "62079910020101", null));
			for (Demo d : demo) {
				if (!accounts.exists(d.username())) {
					accounts.provision(d.username(), d.name(), d.role(), d.region(), d.department(), PASSWORD, false);
				}
			}
		}

	}

	private static double round(double v) {
		return Math.round(v * 1_000_000d) / 1_000_000d;
	}

	private static String chinese(int n) {
		String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
		return n <= 10 ? digits[n] : "十" + digits[n - 10];
	}

}

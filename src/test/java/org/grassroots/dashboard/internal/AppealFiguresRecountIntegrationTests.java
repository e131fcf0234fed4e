package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.appeals.internal.DeadlineWarnings;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures cannot drift from the appeals: after a random mix of every step, taken by the people allowed to at
 * random times (transfers to other grids and villages, escalations, whistles and report-ins, resolutions on time and
 * late, ratings that reopen, merges, rejections, extensions, referrals to mediation), the automatic close and a 12345
 * import, every rollup row of a fresh category equals a recount of its appeals as they stand.
 */
class AppealFiguresRecountIntegrationTests extends IntegrationTestSupport {

	private static final String CATEGORY = "RECOUNT_MIX";
	private static final String[] PLACES = {GAOMIAO_GRID1, "62079910020102", "62079910020201", "620799100202"};

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	DeadlineWarnings warnings;

	@Test
	void after_a_random_mix_of_every_step_the_rollups_equal_a_recount_of_the_appeals() throws Exception {
		mvc.perform(post("/appeals/categories").with(csrf()).with(as("admin")).param("code", CATEGORY).param("nameZh", "混合核对")
			.param("nameEn", "Recount mix").param("defaultLevel", "VILLAGE").param("responseHours", "2").param("resolutionDays", "2")
			.param("active", "true")).andExpect(status().is3xxRedirection());
		Random random = new Random(20261204L);
		Instant now = Instant.now();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			// made some days ago, then stepped through at random moments since
			Instant at = now.minus(Duration.ofHours(2 + random.nextInt(24 * 20)));
			clock.travelTo(at);
			JsonNode a = call("qinghe.staff", "/api/v1/appeals", "{\"channel\":\"" + (i % 2 == 0 ? "PHONE" : "APPEAL_POINT")
					+ "\",\"categoryCode\":\"" + CATEGORY + "\",\"description\":\"混合核对诉求 " + i + "\",\"regionCode\":\""
					+ PLACES[random.nextInt(PLACES.length)] + "\"}");
			codes.add(a.get("trackingCode").asString());
			for (int s = 0; s < 9 && a != null; s++) {
				at = at.plus(Duration.ofMinutes(10 + random.nextInt(60 * 30)));
				if (at.isAfter(now)) {
					break;
				}
				clock.travelTo(at);
				a = randomStep(a, random, codes);
			}
		}
		clock.reset();
		// resolved appeals nobody rated for seven days close by themselves
		warnings.scan(clock.instant());
		importOrders();

		long appeals = count("SELECT COUNT(*) FROM appeals_appeal WHERE category_code = ?", CATEGORY);
		assertThat(appeals).isEqualTo(33);
		// every kind of step was taken at least once
		assertThat(jdbc.sql("SELECT DISTINCT e.action FROM appeals_event e JOIN appeals_appeal a ON a.id = e.appeal_id "
				+ "WHERE a.category_code = ?").param(CATEGORY).query(String.class).list())
			.contains("ACCEPT", "ESCALATE", "TRANSFER", "WHISTLE", "REPORT_IN", "RESOLVE", "RATE", "REOPEN", "REJECT", "CLOSE", "EXTEND",
					"MERGE", "MEDIATION");
		Map<String, long[]> recount = recount();
		assertThat(rollup(AppealRollups.Table.REGION_DAILY)).isEqualTo(byKey(recount, AppealRollups.Table.REGION_DAILY));
		assertThat(rollup(AppealRollups.Table.NODE_DAILY)).isEqualTo(byKey(recount, AppealRollups.Table.NODE_DAILY));
		assertThat(rollup(AppealRollups.Table.NODE_MONTHLY)).isEqualTo(byKey(recount, AppealRollups.Table.NODE_MONTHLY));
	}

	/** One step the API offers this person on the appeal now, chosen at random. */
	private JsonNode randomStep(JsonNode a, Random random, List<String> codes) throws Exception {
		List<String> allowed = new ArrayList<>();
		a.get("allowedSteps").forEach(s -> allowed.add(s.asString()));
		if (a.get("whistles").size() > 0 && a.get("whistles").get(0).get("reportedAt").isNull()) {
			allowed.add("REPORT_IN");
		}
		if (allowed.isEmpty()) {
			return null;
		}
		String step = allowed.get(random.nextInt(allowed.size()));
		long id = a.get("id").asLong();
		int version = a.get("version").asInt();
		String v = "{\"version\":" + version + ",";
		String path = "/api/v1/appeals/" + id + "/";
		return switch (step) {
			case "ACCEPT" -> call("qinghe.staff", path + "accept", "{\"version\":" + version + "}");
			case "ESCALATE" -> call("qinghe.staff", path + "escalate", v + "\"note\":\"跨村协调\"}");
			case "TRANSFER" -> call("qinghe.staff", path + "transfer",
					v + "\"note\":\"转到所在地\",\"regionCode\":\"" + PLACES[random.nextInt(PLACES.length)] + "\"}");
			case "MERGE" -> {
				String target = codes.get(random.nextInt(codes.size()));
				JsonNode merged = callOrNull("qinghe.staff", path + "merge", v + "\"target\":\"" + target + "\"}");
				yield merged == null ? a : merged;
			}
			case "EXTEND" -> call("qinghe.staff", path + "extend", v + "\"days\":2,\"note\":\"需协调\"}");
			case "WHISTLE" -> call("qinghe.staff", path + "whistle", v + "\"departments\":\"县民政局\",\"note\":\"需部门核定\"}");
			case "REPORT_IN" -> call("mzj.staff", path + "report-in", v + "\"note\":\"已核查\"}");
			case "RESOLVE" -> call("qinghe.staff", path + "resolve", v + "\"note\":\"已办结\"}");
			case "RATE" -> call("qinghe.staff", path + "rate",
					v + "\"rating\":\"" + List.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED").get(random.nextInt(3)) + "\"}");
			case "REOPEN" -> call("qinghe.staff", path + "reopen", v + "\"note\":\"群众再次反映\"}");
			case "REJECT" -> call("qinghe.staff", path + "reject", v + "\"note\":\"不属于受理范围\"}");
			case "CLOSE" -> call("qinghe.staff", path + "close", "{\"version\":" + version + "}");
			case "MEDIATION" -> call("qinghe.staff", path + "refer-to-mediation", v + "\"note\":\"转调解\"}");
			default -> throw new IllegalStateException(step);
		};
	}

	private JsonNode call(String user, String path, String body) throws Exception {
		String response = mvc.perform(post(path).with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(result -> assertThat(result.getResponse().getStatus()).as(path + " " + body + " → "
					+ result.getResponse().getContentAsString()).isIn(200, 201))
			.andReturn().getResponse().getContentAsString();
		return json.readTree(response);
	}

	/** A merge into an appeal that can no longer take it (merged or rejected meanwhile) is refused; that is fine here. */
	private JsonNode callOrNull(String user, String path, String body) throws Exception {
		var response = mvc.perform(post(path).with(csrf()).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse();
		return response.getStatus() == 200 ? json.readTree(response.getContentAsString()) : null;
	}

	private void importOrders() throws Exception {
		DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(WorkingCalendar.ZONE);
		StringBuilder csv = new StringBuilder("工单编号,来电时间,诉求人,联系电话,诉求内容,诉求类型,地址/所属区域,办理时限\n");
		for (int i = 0; i < 3; i++) {
			csv.append("RECOUNT").append(i).append(',').append(f.format(Instant.now().minus(Duration.ofDays(i + 1)))).append(",市民,1392222000")
				.append(i).append(",混合核对的热线工单 ").append(i).append(",混合核对,清河镇高庙村,\n");
		}
		mvc.perform(multipart("/api/v1/appeals/import-12345")
			.file(new MockMultipartFile("file", "orders.csv", null, csv.toString().getBytes(StandardCharsets.UTF_8))).with(csrf())
			.with(as("qinghe.staff"))).andExpect(status().isOk());
	}

	/**
	 * The counters of each appeal of the category as it stands, worked out here from its columns (not by the product's
	 * own rule): received; accepted and on time; resolved, on time, by level; rated and satisfied; rejected; merged.
	 */
	private Map<String, long[]> recount() {
		Map<String, long[]> rows = new TreeMap<>();
		jdbc.sql("""
				SELECT submitted_at, region_path, channel, status, accepted_at, response_due, resolved_at, resolved_level, resolution_due,
				  rating FROM appeals_appeal WHERE category_code = ?""").param(CATEGORY).query((rs, i) -> {
			Instant accepted = instant(rs.getObject("accepted_at", OffsetDateTime.class));
			Instant resolved = instant(rs.getObject("resolved_at", OffsetDateTime.class));
			String level = rs.getString("resolved_level");
			String rating = rs.getString("rating");
			String state = rs.getString("status");
			long[] c = new long[AppealFigures.COLUMNS.size()];
			c[0] = 1;
			c[1] = accepted != null ? 1 : 0;
			c[2] = accepted != null && !accepted.isAfter(instant(rs.getObject("response_due", OffsetDateTime.class))) ? 1 : 0;
			c[3] = resolved != null ? 1 : 0;
			c[4] = resolved != null && !resolved.isAfter(instant(rs.getObject("resolution_due", OffsetDateTime.class))) ? 1 : 0;
			c[5] = "VILLAGE".equals(level) ? 1 : 0;
			c[6] = "TOWNSHIP".equals(level) ? 1 : 0;
			c[7] = "COUNTY".equals(level) ? 1 : 0;
			c[8] = rating != null ? 1 : 0;
			c[9] = "SATISFIED".equals(rating) || "BASICALLY_SATISFIED".equals(rating) ? 1 : 0;
			c[10] = "REJECTED".equals(state) ? 1 : 0;
			c[11] = "MERGED".equals(state) ? 1 : 0;
			LocalDate day = instant(rs.getObject("submitted_at", OffsetDateTime.class)).atZone(WorkingCalendar.ZONE).toLocalDate();
			rows.put(day + " " + rs.getString("region_path") + " " + rs.getString("channel") + " " + i, c);
			return null;
		}).list();
		return rows;
	}

	/** The recount keyed as a rollup table keys its rows (day or month, the region or each node above it, channel). */
	private static Map<String, List<Long>> byKey(Map<String, long[]> recount, AppealRollups.Table table) {
		Map<String, long[]> sums = new TreeMap<>();
		recount.forEach((key, c) -> {
			String[] k = key.split(" ");
			LocalDate day = LocalDate.parse(k[0]);
			for (AppealRollups.Cohort row : table.rows(day, k[1], CATEGORY, k[2])) {
				long[] sum = sums.computeIfAbsent(row.day() + " " + row.path() + " " + row.channel(), x -> new long[c.length]);
				for (int i = 0; i < c.length; i++) {
					sum[i] += c[i];
				}
			}
		});
		Map<String, List<Long>> out = new TreeMap<>();
		sums.forEach((k, v) -> {
			if (java.util.Arrays.stream(v).anyMatch(x -> x != 0)) {
				out.put(k, java.util.Arrays.stream(v).boxed().toList());
			}
		});
		return out;
	}

	private Map<String, List<Long>> rollup(AppealRollups.Table table) {
		Map<String, List<Long>> out = new TreeMap<>();
		jdbc.sql("SELECT " + table.dayColumn + ", " + table.pathColumn + ", channel, " + String.join(", ", AppealFigures.COLUMNS)
				+ " FROM " + table.name + " WHERE category_code = ?").param(CATEGORY).query((rs, i) -> {
			List<Long> counters = new ArrayList<>();
			for (String column : AppealFigures.COLUMNS) {
				counters.add(rs.getLong(column));
			}
			if (counters.stream().anyMatch(x -> x != 0)) {
				out.put(rs.getObject(1, LocalDate.class) + " " + rs.getString(2) + " " + rs.getString(3), counters);
			}
			return null;
		}).list();
		return out;
	}

	private static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}

}

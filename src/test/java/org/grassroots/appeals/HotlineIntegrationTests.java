package org.grassroots.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.calendar.WorkingCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;

/** 12345 work orders in (Excel or CSV, mapped, checked, idempotent) and results out. */
class HotlineIntegrationTests extends IntegrationTestSupport {

	private static final List<String> HEADERS = List.of("工单编号", "来电时间", "诉求人", "联系电话", "诉求内容", "诉求类型", "地址/所属区域", "办理时限");

	private static byte[] xlsx(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("工单");
			Row header = sheet.createRow(0);
			for (int i = 0; i < HEADERS.size(); i++) {
				header.createCell(i).setCellValue(HEADERS.get(i));
			}
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows.get(r).length; c++) {
					row.createCell(c).setCellValue(rows.get(r)[c]);
				}
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private String upload(String user, byte[] file, String name, int expected, String... mapping) throws Exception {
		var request = multipart("/api/v1/appeals/import-12345").file(new MockMultipartFile("file", name, null, file)).with(csrf())
			.with(as(user));
		for (int i = 0; i + 1 < mapping.length; i += 2) {
			request.param(mapping[i], mapping[i + 1]);
		}
		return mvc.perform(request).andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
	}

	@Test
	void good_orders_go_in_once_with_their_call_time_and_deadline() throws Exception {
		byte[] file = xlsx(List.<String[]>of(
				new String[] {"GD20261101001", "2026-11-02 09:15:00", "李女士", "13811110001", "反映小区路灯不亮已有一周", "道路与路灯", GAOMIAO_GRID1, "2026-11-06"},
				new String[] {"GD20261101002", "2026-11-02 10:20", "", "13811110002", "反映村里垃圾清运不及时", "环境卫生", "清河镇高庙村第二网格", ""},
				new String[] {"GD20261101003", "2026/11/3 14:05", "王先生", "13811110003", "承包地补偿款没有到位", "土地承包", "清河镇河湾村", "2026-11-20 12:00"}));
		assertThat(upload("qinghe.staff", file, "orders.xlsx", 200)).contains("\"created\":3").contains("\"skipped\":0");
		var first = jdbc.sql("SELECT submitted_at, resolution_due, channel, region_path FROM appeals_appeal WHERE external_ref = '12345:GD20261101001'")
			.query((rs, i) -> new Object[] {rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
					rs.getString(4)})
			.single();
		assertThat(((OffsetDateTime) first[0]).toInstant()).isEqualTo(LocalDateTime.of(2026, 11, 2, 9, 15).atZone(WorkingCalendar.ZONE).toInstant());
		assertThat(((OffsetDateTime) first[1]).toInstant()).isEqualTo(LocalDateTime.of(2026, 11, 6, 17, 30).atZone(WorkingCalendar.ZONE).toInstant());
		assertThat(first[2]).isEqualTo("HOTLINE_12345");
		assertThat((String) first[3]).endsWith("/" + GAOMIAO_GRID1 + "/");
		assertThat(jdbc.sql("SELECT region_path FROM appeals_appeal WHERE external_ref = '12345:GD20261101002'").query(String.class).single())
			.endsWith("/" + GAOMIAO + "02/");
		assertThat(jdbc.sql("SELECT region_path FROM appeals_appeal WHERE external_ref = '12345:GD20261101003'").query(String.class).single())
			.endsWith("/620799100202/");
		// the same file again: nothing new
		long appeals = count("SELECT COUNT(*) FROM appeals_appeal");
		assertThat(upload("qinghe.staff", file, "orders.xlsx", 200)).contains("\"created\":0").contains("\"skipped\":3");
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal")).isEqualTo(appeals);
	}

	@Test
	void a_file_with_bad_rows_imports_nothing_and_names_each_problem() throws Exception {
		byte[] file = xlsx(List.<String[]>of(
				new String[] {"GD9001", "2026-11-02 09:15", "", "13811119001", "这是一张正确的工单", "其他", GAOMIAO_GRID1, ""},
				new String[] {"GD9002", "昨天上午", "", "12345", "短", "天气", "火星村", "明天"},
				new String[] {"GD9001", "2026-11-02 09:15", "", "13811119003", "工单编号重复了", "其他", GAOMIAO_GRID1, ""},
				new String[] {"GD9004", "2026-11-02 09:15", "", "13811119004", "溪上村不在清河镇", "其他", XISHANG, ""},
				new String[] {"GD9005", "2099-01-01 09:00", "", "13811119005", "来电时间写成了将来", "其他", GAOMIAO_GRID1, ""}));
		String body = upload("qinghe.staff", file, "bad.xlsx", 422);
		assertThat(body).contains("来电时间晚于当前时间：2099-01-01 09:00");
		assertThat(body).contains("来电时间无法识别").contains("电话号码格式不正确").contains("诉求内容须为").contains("诉求类型“天气”")
			.contains("无法确定所属区域：火星村").contains("办理时限无效").contains("工单编号与第 2 行重复").contains("无法确定所属区域：" + XISHANG);
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE external_ref LIKE '12345:GD900%'")).isZero();
		// through the page, the file comes back with an error column
		String page = mvc.perform(multipart("/appeals/hotline").file(new MockMultipartFile("file", "bad.xlsx", null, file)).with(csrf())
			.with(as("qinghe.staff"))).andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
		String base64 = page.replaceAll("(?s).*href=\"data:[^;]+;base64,([^\"]+)\".*", "$1");
		try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
			DataFormatter f = new DataFormatter();
			Sheet sheet = back.getSheetAt(0);
			assertThat(f.formatCellValue(sheet.getRow(0).getCell(8))).isEqualTo("错误");
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(8))).isEmpty();
			assertThat(f.formatCellValue(sheet.getRow(2).getCell(8))).contains("来电时间无法识别");
		}
	}

	@Test
	void a_file_past_the_row_limit_is_refused_while_reading_with_a_message() throws Exception {
		StringBuilder csv = new StringBuilder("工单编号,来电时间,来电号码,诉求内容,诉求类型,所属区域\n");
		for (int i = 0; i <= 50_000; i++) {
			csv.append("T").append(i).append(",2026-03-01 09:00,13800000000,路灯不亮,道路照明,高庙村\n");
		}
		String answer = upload("qinghe.staff", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), "big.csv", 422);
		assertThat(answer).contains("文件太大").contains("50000");
		assertThat(count("SELECT COUNT(*) FROM appeals_appeal WHERE external_ref = 'T1'")).isZero();
	}

	@Test
	void a_gbk_csv_with_other_column_names_goes_in_through_the_mapping() throws Exception {
		String csv = "单号,受理时间,姓名,来电号码,问题描述,问题分类,区域,截止日期\n"
				+ "CSV0001,2026-11-05 08:40,赵大爷,13922220001,\"反映自来水发黄,有异味\",供水供电,清河镇高庙村,2026-11-06\n";
		byte[] gbk = csv.getBytes(Charset.forName("GBK"));
		assertThat(upload("qinghe.staff", gbk, "orders.csv", 422)).contains("文件中没有“工单编号”列");
		assertThat(upload("qinghe.staff", gbk, "orders.csv", 200, "ticketNo", "单号", "callTime", "受理时间", "caller", "姓名", "phone",
				"来电号码", "content", "问题描述", "type", "问题分类", "area", "区域", "deadline", "截止日期")).contains("\"created\":1");
		assertThat(jdbc.sql("SELECT description || '|' || reporter_name FROM appeals_appeal WHERE external_ref = '12345:CSV0001'")
			.query(String.class).single()).isEqualTo("反映自来水发黄,有异味|赵大爷");
	}

	@Test
	void results_go_back_in_the_hotlines_layout() throws Exception {
		byte[] file = xlsx(List.<String[]>of(new String[] {"GDOUT01", "2026-11-09 09:00", "周女士", "13833330001", "楼道灯坏了很久没人修", "道路与路灯", GAOMIAO_GRID1, ""}));
		upload("gaomiao.cadre", file, "out.xlsx", 200);
		long id = count("SELECT id FROM appeals_appeal WHERE external_ref = '12345:GDOUT01'");
		step(id, "accept", "{\"version\":0}");
		step(id, "resolve", "{\"version\":1,\"note\":\"已更换楼道灯\"}");
		step(id, "rate", "{\"version\":2,\"rating\":\"BASICALLY_SATISFIED\"}");
		byte[] out = mvc.perform(get("/api/v1/appeals/export-12345").param("from", "2026-11-09").param("to", "2026-11-09")
			.with(as("gaomiao.cadre"))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(out))) {
			Sheet sheet = book.getSheetAt(0);
			DataFormatter f = new DataFormatter();
			assertThat(f.formatCellValue(sheet.getRow(0).getCell(0))).isEqualTo("工单编号");
			assertThat(f.formatCellValue(sheet.getRow(0).getCell(10))).isEqualTo("回访满意度");
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(0))).isEqualTo("GDOUT01");
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(3))).isEqualTo("138****0001");
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(8))).isEqualTo("已更换楼道灯");
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(9))).isNotEmpty();
			assertThat(f.formatCellValue(sheet.getRow(1).getCell(10))).isEqualTo("基本满意");
		}
		mvc.perform(get("/api/v1/appeals/export-12345").param("from", "2026-11-09").param("to", "2026-11-09")
			.with(as("xishang.cadre"))).andExpect(status().isOk());
		mvc.perform(multipart("/api/v1/appeals/import-12345").file(new MockMultipartFile("file", "x.xlsx", null, file)).with(csrf())
			.with(as("supervisor"))).andExpect(status().isForbidden());
	}

	private void step(long id, String action, String body) throws Exception {
		mvc.perform(post("/api/v1/appeals/" + id + "/" + action).with(csrf()).with(as("gaomiao.cadre"))
			.contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(jsonPath("$.id").value(id));
	}

}

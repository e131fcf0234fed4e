package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.grassroots.IntegrationTestSupport;
import org.grassroots.registry.internal.RegistryImport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** The Excel import: all rows checked first, nothing imported on any error, ID number as the key. */
class RegistryImportIntegrationTests extends IntegrationTestSupport {

	private MvcResult upload(byte[] content, String filename) throws Exception {
		return mvc.perform(multipart("/api/v1/registry/import").file(new MockMultipartFile("file", filename, null, content))
			.with(csrf()).with(as("gaomiao.cadre"))).andReturn();
	}

	private static byte[] workbook(List<String[]> rows) throws Exception {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet();
			Row header = sheet.createRow(0);
			for (int i = 0; i < RegistryImport.HEADERS.size(); i++) {
				header.createCell(i).setCellValue(RegistryImport.HEADERS.get(i));
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

	@Test
	void a_good_file_imports_and_importing_it_again_duplicates_nobody() throws Exception {
		String head = freshIdNumber();
		String child = freshIdNumber();
		byte[] file = workbook(List.of(
				new String[] {GAOMIAO_GRID1, "导入测试村1号", "常住", "导入户主", head, "13712340000", "户主", "汉族", "中共党员", "退役军人"},
				new String[] {GAOMIAO_GRID1, "导入测试村1号", "", "导入子女", child, "", "子女", "", "", "留守儿童、残疾"}));
		MvcResult first = upload(file, "good.xlsx");
		assertThat(first.getResponse().getStatus()).isEqualTo(200);
		assertThat(first.getResponse().getContentAsString()).contains("\"residentsCreated\":2").contains("\"householdsCreated\":1");
		long residents = count("SELECT COUNT(*) FROM registry_resident");
		MvcResult second = upload(file, "good.xlsx");
		assertThat(second.getResponse().getContentAsString()).contains("\"residentsUpdated\":2").contains("\"residentsCreated\":0")
			.contains("\"householdsCreated\":0");
		assertThat(count("SELECT COUNT(*) FROM registry_resident")).isEqualTo(residents);
		assertThat(count("SELECT COUNT(*) FROM registry_resident_tag t JOIN registry_resident r ON r.id = t.resident_id WHERE r.name = '导入子女'"))
			.isEqualTo(2);
	}

	@Test
	void a_file_with_errors_imports_nothing_and_comes_back_with_an_error_column() throws Exception {
		String valid = freshIdNumber();
		String dup = freshIdNumber();
		String badChecksum = dup.substring(0, 17) + (dup.charAt(17) == '0' ? '1' : '0');
		byte[] file = workbook(List.of(
				new String[] {GAOMIAO_GRID1, "错误测试1号", "常住", "正确的人", valid, "", "户主", "", "", ""},
				new String[] {GAOMIAO_GRID1, "错误测试1号", "", "校验位错", badChecksum, "", "配偶", "", "", ""},
				new String[] {"62079910029999", "错误测试2号", "", "网格不存在", freshIdNumber(), "", "户主", "", "", ""},
				new String[] {XISHANG_BLOCK, "错误测试3号", "", "越界网格", freshIdNumber(), "", "户主", "", "", ""},
				new String[] {GAOMIAO_GRID1, "错误测试1号", "", "重复身份证", valid, "", "子女", "", "", ""}));
		long residents = count("SELECT COUNT(*) FROM registry_resident");
		MvcResult result = upload(file, "bad.xlsx");
		assertThat(result.getResponse().getStatus()).isEqualTo(422);
		assertThat(count("SELECT COUNT(*) FROM registry_resident")).isEqualTo(residents);
		assertThat(count("SELECT COUNT(*) FROM registry_household WHERE address LIKE '错误测试%'")).isZero();
		try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			Sheet sheet = back.getSheetAt(0);
			DataFormatter f = new DataFormatter();
			int errorColumn = RegistryImport.HEADERS.size();
			assertThat(f.formatCellValue(sheet.getRow(0).getCell(errorColumn))).isEqualTo("错误");
			assertThat(sheet.getRow(1).getCell(errorColumn)).isNull();
			assertThat(f.formatCellValue(sheet.getRow(2).getCell(errorColumn))).contains("身份证号校验失败");
			assertThat(f.formatCellValue(sheet.getRow(3).getCell(errorColumn))).contains("网格编码不存在");
			assertThat(f.formatCellValue(sheet.getRow(4).getCell(errorColumn))).contains("网格编码不存在");
			assertThat(f.formatCellValue(sheet.getRow(5).getCell(errorColumn))).contains("与第 2 行重复");
		}
		// in English for an English reader
		MvcResult english = mvc.perform(multipart("/api/v1/registry/import").file(new MockMultipartFile("file", "bad.xlsx", null, file))
			.header("Accept-Language", "en").with(csrf()).with(as("gaomiao.cadre"))).andReturn();
		try (XSSFWorkbook back = new XSSFWorkbook(new ByteArrayInputStream(english.getResponse().getContentAsByteArray()))) {
			DataFormatter f = new DataFormatter();
			assertThat(f.formatCellValue(back.getSheetAt(0).getRow(2).getCell(RegistryImport.HEADERS.size())))
				.contains("ID number fails its check");
		}
	}

	@Test
	void a_file_that_is_not_an_xlsx_is_refused() throws Exception {
		mvc.perform(multipart("/api/v1/registry/import")
			.file(new MockMultipartFile("file", "residents.xlsx", null, "姓名,身份证号\n张三,1".getBytes()))
			.with(csrf()).with(as("gaomiao.cadre")))
			.andExpect(status().is(422))
			.andExpect(jsonPath("$.code").value("import.wrongFileType"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("文件类型不正确")));
		mvc.perform(multipart("/registry/import")
			.file(new MockMultipartFile("file", "x.pdf", null, "%PDF-1.4".getBytes()))
			.with(csrf()).with(as("gaomiao.cadre")))
			.andExpect(status().is(422))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("文件类型不正确")));
	}

	@Test
	void a_workbook_that_unpacks_past_the_limits_is_refused_with_a_message_not_read_into_memory() throws Exception {
		// 20,001 data rows: one more than an import may hold, refused while reading
		byte[] tooMany;
		try (var wb = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100); var out = new java.io.ByteArrayOutputStream()) {
			var sheet = wb.createSheet();
			var header = sheet.createRow(0);
			for (int c = 0; c < RegistryImport.HEADERS.size(); c++) {
				header.createCell(c).setCellValue(RegistryImport.HEADERS.get(c));
			}
			for (int r = 1; r <= 20_001; r++) {
				sheet.createRow(r).createCell(0).setCellValue(GAOMIAO_GRID1);
			}
			wb.write(out);
			wb.dispose();
			tooMany = out.toByteArray();
		}
		mvc.perform(multipart("/api/v1/registry/import").file(new MockMultipartFile("file", "big.xlsx", null, tooMany))
			.with(csrf()).with(as("gaomiao.cadre")))
			.andExpect(status().is(422))
			.andExpect(jsonPath("$.code").value("import.tooManyRows"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("20000")));
	}

	@Test
	void a_grid_worker_may_not_import() throws Exception {
		mvc.perform(multipart("/api/v1/registry/import").file(new MockMultipartFile("file", "a.xlsx", null, workbook(List.of())))
			.with(csrf()).with(as("gaomiao.grid1"))).andExpect(status().isForbidden());
	}

}

package org.grassroots.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.grassroots.IntegrationTestSupport;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The 12345 import (Excel or CSV) under fuzzed files. Whatever arrives: never a 500, and nothing lands outside the
 * importing township. {@code ./mvnw verify} replays the stored inputs under HotlineImportFuzzIntegrationTestsInputs;
 * {@code ./mvnw verify -Pfuzz} fuzzes (see the README).
 */
class HotlineImportFuzzIntegrationTests extends IntegrationTestSupport {

	private static final String TOWNSHIP = GAOMIAO.substring(0, 10);

	@FuzzTest(maxDuration = "30s")
	void an_import_never_fails_with_500_nor_leaves_its_township(byte[] data) throws Exception {
		FuzzInputs.Upload upload = FuzzInputs.upload(data);
		long outside = appealsOutsideTheTownship();
		int status = mvc.perform(multipart("/api/v1/appeals/import-12345")
				.file(new MockMultipartFile("file", upload.filename(), null, upload.content()))
				.with(csrf())
				.with(as("qinghe.staff")))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).as("status for %s of %d bytes", upload.filename(), upload.content().length).isIn(200, 400, 413, 422, 429);
		assertThat(appealsOutsideTheTownship()).isEqualTo(outside);
	}

	private long appealsOutsideTheTownship() {
		return count("SELECT COUNT(*) FROM appeals_appeal WHERE region_path NOT LIKE ?", "%/" + TOWNSHIP + "/%");
	}

}

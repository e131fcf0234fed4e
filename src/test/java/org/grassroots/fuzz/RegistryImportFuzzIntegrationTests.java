package org.grassroots.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.grassroots.IntegrationTestSupport;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The registry import under fuzzed files: never a 500, and a village cadre's import never writes a household or a
 * resident outside the village.
 */
class RegistryImportFuzzIntegrationTests extends IntegrationTestSupport {

	@FuzzTest(maxDuration = "30s")
	void an_import_never_fails_with_500_nor_leaves_its_village(byte[] data) throws Exception {
		FuzzInputs.Upload upload = FuzzInputs.upload(data);
		long residents = outside("registry_resident");
		long households = outside("registry_household");
		int status = mvc.perform(multipart("/api/v1/registry/import")
				.file(new MockMultipartFile("file", upload.filename(), null, upload.content()))
				.with(csrf())
				.with(as("gaomiao.cadre")))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).as("status for %s of %d bytes", upload.filename(), upload.content().length).isIn(200, 400, 413, 422, 429);
		assertThat(outside("registry_resident")).isEqualTo(residents);
		assertThat(outside("registry_household")).isEqualTo(households);
	}

	private long outside(String table) {
		return count("SELECT COUNT(*) FROM " + table + " WHERE region_path NOT LIKE ?", "%/" + GAOMIAO + "/%");
	}

}

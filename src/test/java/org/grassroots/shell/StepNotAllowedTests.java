package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The refusal of a step reads as a sentence in the user's language, from the application's own bundles. */
class StepNotAllowedTests {

	private final ResourceBundleMessageSource messages = bundles();

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	@Test
	void names_the_step_and_the_state_in_chinese_by_default_and_in_english() {
		StepNotAllowed refused = new StepNotAllowed("dispute.step.close", "SETTLED", "dispute.status.SETTLED", "dispute", 7L);
		assertThat(refused.describe(messages, Locale.SIMPLIFIED_CHINESE)).isEqualTo("当前状态为“调解成功”，不能结案；请刷新后查看最新情况");
		assertThat(refused.describe(messages, Locale.ENGLISH))
			.isEqualTo("Cannot close the case while it is “Settled”; reload to see where it stands");
		assertThat(refused.getMessage()).isEqualTo("dispute.step.close is not allowed while dispute 7 is SETTLED");
	}

	@Test
	void a_step_or_a_state_without_a_name_in_the_bundle_still_gives_a_sentence_and_no_bare_key() {
		StepNotAllowed unnamedStep = new StepNotAllowed("dispute.step.somethingNew", "MEDIATING", "dispute.status.MEDIATING");
		assertThat(unnamedStep.describe(messages, Locale.SIMPLIFIED_CHINESE)).isEqualTo("当前状态为“调解中”，不能进行此操作；请刷新后查看最新情况")
			.doesNotContain("dispute.step");
		StepNotAllowed unnamedState = new StepNotAllowed("dispute.step.close", "ARCHIVED", null);
		assertThat(unnamedState.describe(messages, Locale.ENGLISH))
			.isEqualTo("Cannot close the case while it is “ARCHIVED”; reload to see where it stands");
	}

}

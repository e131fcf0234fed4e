package org.grassroots.appeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.grassroots.appeals.AppealStatus;
import org.grassroots.appeals.AppealStep;
import org.grassroots.shell.StepNotAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** An appeal's refused transition is the shell's step-not-allowed, with a named step for every action the appeal refuses. */
class TransitionNotAllowedTests {

	@Test
	void a_step_becomes_a_step_key_of_the_appeal() {
		assertThat(TransitionNotAllowed.stepKey(AppealStep.RESOLVE)).isEqualTo("appeal.step.resolve");
		assertThat(TransitionNotAllowed.stepKey(AppealStep.REPORT_IN)).isEqualTo("appeal.step.reportIn");
		assertThat(TransitionNotAllowed.stepKey(AppealStep.MERGED_IN)).isEqualTo("appeal.step.mergedIn");
		StepNotAllowed refused = new TransitionNotAllowed(AppealStep.EXTEND, AppealStatus.IN_PROGRESS);
		assertThat(refused.step()).isEqualTo("appeal.step.extend");
		assertThat(refused.state()).isEqualTo("IN_PROGRESS");
		assertThat(refused.kind()).isEqualTo("appeal");
	}

	@Test
	void every_step_is_named_in_both_languages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		for (AppealStep step : AppealStep.values()) {
			String key = TransitionNotAllowed.stepKey(step);
			for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
				assertThat(messages.getMessage(key, null, null, locale)).as(key + " in " + locale).isNotBlank();
			}
		}
		assertThat(new TransitionNotAllowed(AppealStep.ACCEPT, AppealStatus.ACCEPTED).describe(messages, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo("当前状态为“已签收”，不能签收；请刷新后查看最新情况");
	}

}

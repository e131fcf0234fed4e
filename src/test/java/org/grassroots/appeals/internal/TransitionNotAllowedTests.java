package org.grassroots.appeals.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.grassroots.appeals.AppealStatus;
import org.grassroots.shell.StepNotAllowed;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** An appeal's refused transition is the shell's step-not-allowed, with a named step for every action the appeal refuses. */
class TransitionNotAllowedTests {

	/** The actions Appeal and AppealHandling refuse today, as they name them. */
	private static final List<String> ACTIONS = List.of("accept", "escalate", "transfer", "merge", "merge into 7KQ2M9XW3A", "extend",
			"extend twice", "whistle", "resolve", "rate", "reopen", "reject", "close", "report in", "refer to mediation");

	@Test
	void an_action_becomes_a_step_key_of_the_appeal() {
		assertThat(TransitionNotAllowed.stepKey("resolve")).isEqualTo("appeal.step.resolve");
		assertThat(TransitionNotAllowed.stepKey("report in")).isEqualTo("appeal.step.reportIn");
		assertThat(TransitionNotAllowed.stepKey("refer to mediation")).isEqualTo("appeal.step.referToMediation");
		assertThat(TransitionNotAllowed.stepKey("merge into 7KQ2M9XW3A")).isEqualTo("appeal.step.mergeInto");
		StepNotAllowed refused = new TransitionNotAllowed("extend twice", AppealStatus.IN_PROGRESS);
		assertThat(refused.step()).isEqualTo("appeal.step.extendTwice");
		assertThat(refused.state()).isEqualTo("IN_PROGRESS");
		assertThat(refused.kind()).isEqualTo("appeal");
	}

	@Test
	void every_refused_action_is_named_in_both_languages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		for (String action : ACTIONS) {
			String key = TransitionNotAllowed.stepKey(action);
			for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
				assertThat(messages.getMessage(key, null, null, locale)).as(key + " in " + locale).isNotBlank();
			}
		}
		assertThat(new TransitionNotAllowed("accept", AppealStatus.ACCEPTED).describe(messages, Locale.SIMPLIFIED_CHINESE))
			.isEqualTo("当前状态为“已签收”，不能签收；请刷新后查看最新情况");
	}

}

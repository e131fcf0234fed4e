package org.grassroots.access.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The loop lets through exactly what Spring Security's default regular expressions let through, code point by code point. */
class FirewallCharactersTests {

	private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
	private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void every_code_point_is_judged_as_the_default_judges_it() {
		int differences = 0;
		for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
			String one = "a" + new String(Character.toChars(c)) + "z";
			if (FirewallCharacters.assignedAndNotControl(one) != ASSIGNED_AND_NOT_CONTROL.matcher(one).matches()) {
				differences++;
			}
			if (FirewallCharacters.headerValue(one) != HEADER_VALUE.matcher(one).matches()) {
				differences++;
			}
		}
		assertThat(differences).isZero();
	}

	@Test
	void a_bearer_token_and_chinese_text_pass_and_control_characters_do_not() {
		assertThat(FirewallCharacters.headerValue("Bearer grt_nUHafw5cFTy3aDd0dRbMPkW3Rhv6A8BnE91_ZJXnG0M")).isTrue();
		assertThat(FirewallCharacters.assignedAndNotControl("村口路灯不亮😀")).isTrue();
		assertThat(FirewallCharacters.headerValue("a\tb")).isTrue();
		assertThat(FirewallCharacters.assignedAndNotControl("a\tb")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\nb")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\u0085b")).isFalse();
		assertThat(FirewallCharacters.headerValue("a\u007fb")).isFalse();
		// a lone surrogate is not an assigned character
		assertThat(FirewallCharacters.headerValue("a\ud800b")).isEqualTo(HEADER_VALUE.matcher("a\ud800b").matches());
	}

}

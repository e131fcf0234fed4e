package org.grassroots.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRedactorTests {

	@Test
	void identity_and_phone_numbers_are_masked_whole() {
		String text = "我叫张三，电话13812345678，身份证62079919850101123X，家里座机0936-2722969，请联系。";
		String out = TextRedactor.redact(text);
		assertThat(out).doesNotContain("13812345678").doesNotContain("5678").doesNotContain("62079919850101123X")
			.doesNotContain("2722969").contains("我叫张三，电话").contains("请联系。");
		assertThat(out).isEqualTo("我叫张三，电话***********，身份证******************，家里座机************，请联系。");
	}

	@Test
	void separators_prefixes_and_full_width_digits_do_not_hide_a_number() {
		assertThat(TextRedactor.redact("手机 +86 138-1234-5678 找我")).doesNotContainPattern("\\d");
		assertThat(TextRedactor.redact("手机 138 1234 5678")).doesNotContainPattern("\\d");
		assertThat(TextRedactor.redact("手机１３８１２３４５６７８")).isEqualTo("手机***********");
		assertThat(TextRedactor.redact("(0936)2722969")).doesNotContainPattern("\\d");
		assertThat(TextRedactor.redact("620799198501011234")).isEqualTo("******************");
	}

	@Test
	void ordinary_text_and_short_numbers_stay() {
		assertThat(TextRedactor.redact("3号楼2单元门口的路灯坏了20天，2026年12月")).isEqualTo("3号楼2单元门口的路灯坏了20天，2026年12月");
		assertThat(TextRedactor.redact(null)).isNull();
	}

}

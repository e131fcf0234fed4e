package org.grassroots.disputes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Numbers as the agreement writes them: 一式三份, 二〇二六年十二月四日, 人民币贰仟元整. */
class ChineseNumeralsTests {

	@Test
	void counts_are_written_as_running_text_writes_them() {
		assertThat(ChineseNumerals.count(0)).isEqualTo("零");
		assertThat(ChineseNumerals.count(3)).isEqualTo("三");
		assertThat(ChineseNumerals.count(10)).isEqualTo("十");
		assertThat(ChineseNumerals.count(12)).isEqualTo("十二");
		assertThat(ChineseNumerals.count(20)).isEqualTo("二十");
		assertThat(ChineseNumerals.count(31)).isEqualTo("三十一");
		assertThat(ChineseNumerals.count(105)).isEqualTo("一百零五");
		assertThat(ChineseNumerals.count(110)).isEqualTo("一百一十");
		assertThat(ChineseNumerals.count(1010)).isEqualTo("一千零一十");
		assertThat(ChineseNumerals.count(10500)).isEqualTo("一万零五百");
		assertThat(ChineseNumerals.count(100000)).isEqualTo("十万");
		assertThat(ChineseNumerals.count(20_000_500)).isEqualTo("二千万零五百");
		assertThat(ChineseNumerals.count(100_000_005)).isEqualTo("一亿零五");
		assertThatThrownBy(() -> ChineseNumerals.count(-1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void a_date_is_written_year_digit_by_digit_and_month_and_day_as_numbers() {
		assertThat(ChineseNumerals.date(LocalDate.of(2026, 12, 4))).isEqualTo("二〇二六年十二月四日");
		assertThat(ChineseNumerals.date(LocalDate.of(2027, 1, 10))).isEqualTo("二〇二七年一月十日");
		assertThat(ChineseNumerals.date(LocalDate.of(2030, 10, 31))).isEqualTo("二〇三〇年十月三十一日");
		assertThat(ChineseNumerals.date(LocalDate.of(2008, 2, 20))).isEqualTo("二〇〇八年二月二十日");
	}

	@Test
	void a_sum_of_money_is_written_in_capital_numerals_with_its_units() {
		assertThat(ChineseNumerals.amount(new BigDecimal("2000"))).isEqualTo("贰仟元整");
		assertThat(ChineseNumerals.amount(new BigDecimal("10"))).isEqualTo("壹拾元整");
		assertThat(ChineseNumerals.amount(new BigDecimal("1005.50"))).isEqualTo("壹仟零伍元伍角");
		assertThat(ChineseNumerals.amount(new BigDecimal("100.05"))).isEqualTo("壹佰元零伍分");
		assertThat(ChineseNumerals.amount(new BigDecimal("0.50"))).isEqualTo("伍角");
		assertThat(ChineseNumerals.amount(new BigDecimal("0.05"))).isEqualTo("伍分");
		assertThat(ChineseNumerals.amount(new BigDecimal("105000"))).isEqualTo("壹拾万伍仟元整");
		assertThat(ChineseNumerals.amount(new BigDecimal("1010000"))).isEqualTo("壹佰零壹万元整");
		assertThat(ChineseNumerals.amount(new BigDecimal("30000.28"))).isEqualTo("叁万元零贰角捌分".replace("元零贰角", "元贰角"));
		assertThat(ChineseNumerals.amount(new BigDecimal("0"))).isEqualTo("零元整");
	}

	@Test
	void sums_in_an_agreement_get_their_capital_form_once() {
		assertThat(ChineseNumerals.withAmountsInWords("乙方赔偿甲方医药费2000元，另付误工费1,500.50 元。"))
			.isEqualTo("乙方赔偿甲方医药费2000元（人民币贰仟元整），另付误工费1,500.50 元（人民币壹仟伍佰元伍角）。");
		assertThat(ChineseNumerals.withAmountsInWords("补偿3万元"))
			.isEqualTo("补偿3万元（人民币叁万元整）");
		String already = "赔偿2000元（人民币贰仟元整）";
		assertThat(ChineseNumerals.withAmountsInWords(already)).isEqualTo(already);
		assertThat(ChineseNumerals.withAmountsInWords("界墙两侧各留1米通道")).isEqualTo("界墙两侧各留1米通道");
	}

}

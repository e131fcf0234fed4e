package org.grassroots.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The dashboard's one rounding rule and its two ways of comparing, with the application's own messages. */
class FigureFormatTests {

	private static final FigureFormat ZH = new FigureFormat(messages(), Locale.SIMPLIFIED_CHINESE);

	private static final FigureFormat EN = new FigureFormat(messages(), Locale.ENGLISH);

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("messages/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	@Test
	void a_rate_is_a_percentage_to_one_decimal_rounded_half_up_from_the_counts() {
		assertThat(ZH.rate(169, 192)).isEqualTo("88.0%");
		assertThat(ZH.rate(95, 100)).isEqualTo("95.0%");
		assertThat(ZH.rate(1, 3)).isEqualTo("33.3%");
		assertThat(ZH.rate(2, 3)).isEqualTo("66.7%");
		// 12.345% exactly: half up on the counts gives 12.3, where a share first rounded to 0.1235 would give 12.4
		assertThat(ZH.rate(2469, 20000)).isEqualTo("12.3%");
		assertThat(ZH.rate(1, 8)).isEqualTo("12.5%");
		assertThat(ZH.rate(120, 130)).isEqualTo("92.3%");
		assertThat(ZH.rate(0, 5)).isEqualTo("0.0%");
	}

	@Test
	void nothing_counted_is_a_dash_not_zero_percent() {
		assertThat(ZH.rate(0, 0)).isEqualTo("—");
		assertThat(FigureFormat.percent(0, 0)).isNull();
	}

	@Test
	void a_share_given_by_another_module_is_rounded_the_same_way() {
		assertThat(FigureFormat.percent(0.9231)).isEqualByComparingTo("92.3");
		assertThat(FigureFormat.percent(0.88125)).isEqualByComparingTo("88.1");
		assertThat(FigureFormat.percent(1.0)).isEqualTo(new BigDecimal("100.0"));
	}

	@Test
	void rates_are_compared_in_percentage_points_between_the_rates_as_shown() {
		// 88.0% now, 85.9% before: +2.1 points, what the reader computes from the card
		assertThat(ZH.pointsChange(FigureFormat.percent(169, 192), FigureFormat.percent(85_9, 1000))).isEqualTo("+2.1 个百分点");
		assertThat(ZH.pointsChange(new BigDecimal("90.0"), new BigDecimal("92.5"))).isEqualTo("-2.5 个百分点");
		assertThat(ZH.pointsChange(new BigDecimal("90.0"), new BigDecimal("90.0"))).isEqualTo("0.0 个百分点");
		assertThat(EN.pointsChange(new BigDecimal("90.0"), new BigDecimal("88.4"))).isEqualTo("+1.6 pp");
		assertThat(ZH.pointsChange(new BigDecimal("90.0"), null)).isEqualTo("—");
	}

	@Test
	void counts_are_compared_by_their_difference_and_the_change_in_percent() {
		assertThat(ZH.countChange(10, 3)).isEqualTo("+7（+233.3%）");
		assertThat(ZH.countChange(3, 4)).isEqualTo("-1（-25.0%）");
		assertThat(ZH.countChange(7, 9)).isEqualTo("-2（-22.2%）");
		assertThat(ZH.countChange(0, 3)).isEqualTo("-3（-100.0%）");
		assertThat(ZH.countChange(4, 4)).isEqualTo("0（0.0%）");
		assertThat(EN.countChange(10, 3)).isEqualTo("+7 (+233.3%)");
	}

	@Test
	void a_count_that_was_nothing_before_shows_only_its_difference() {
		assertThat(ZH.countChange(5, 0)).isEqualTo("+5");
		assertThat(ZH.countChange(0, 0)).isEqualTo("0");
		assertThat(ZH.percentChange(5, 0)).isEqualTo("—");
		assertThat(ZH.percentChange(33, 32)).isEqualTo("+3.1%");
	}

}

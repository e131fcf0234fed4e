package org.grassroots.disputes.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as Chinese legal documents write them: counts in small numerals (一式三份), dates digit by digit for the year
 * (二〇二六年十二月四日), and sums of money in capital numerals (大写: 人民币贰仟零伍元伍角) as banks and courts require,
 * so that a figure cannot be altered by adding a stroke.
 */
final class ChineseNumerals {

	private static final String SMALL = "〇一二三四五六七八九";
	private static final String CAPITAL = "零壹贰叁肆伍陆柒捌玖";
	private static final String[] SMALL_UNITS = {"", "十", "百", "千"};
	private static final String[] CAPITAL_UNITS = {"", "拾", "佰", "仟"};
	private static final String[] SECTIONS = {"", "万", "亿", "万亿"};

	/**
	 * A sum in figures followed by 元 or 万元 ("2000元", "1,500.50 元", "3万元"), not already followed by its capital form
	 * in brackets.
	 */
	private static final Pattern AMOUNT = Pattern
		.compile("(?<![\\d.,])(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d{1,4})?\\s*(万)?元(?!\\s*[（(]\\s*人民币)");

	private ChineseNumerals() {
	}

	/** A count or an ordinal as written in running text: 三, 十二, 二十, 一百零五. */
	static String count(long n) {
		if (n < 0) {
			throw new IllegalArgumentException("No numeral for " + n);
		}
		if (n == 0) {
			return "零";
		}
		String written = grouped(n, "零", SMALL.substring(1), SMALL_UNITS);
		// 十二, not 一十二, when the number begins with ten
		return written.startsWith("一十") ? written.substring(1) : written;
	}

	/** A date in the form of official documents: 二〇二六年十二月四日. */
	static String date(LocalDate date) {
		StringBuilder year = new StringBuilder();
		for (char digit : String.valueOf(date.getYear()).toCharArray()) {
			year.append(SMALL.charAt(digit - '0'));
		}
		return year + "年" + count(date.getMonthValue()) + "月" + count(date.getDayOfMonth()) + "日";
	}

	/**
	 * A sum in capital numerals (大写) with its units: 贰仟元整, 壹拾万零伍佰元整, 叁佰元伍角, 壹元零伍分, 伍角. Rounded to the fen.
	 */
	static String amount(BigDecimal sum) {
		if (sum.signum() < 0) {
			throw new IllegalArgumentException("No amount in words for " + sum);
		}
		long fen = sum.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
		long yuan = fen / 100;
		int jiao = (int) (fen / 10 % 10);
		int cents = (int) (fen % 10);
		if (fen == 0) {
			return "零元整";
		}
		StringBuilder words = new StringBuilder();
		if (yuan > 0) {
			words.append(grouped(yuan, "零", CAPITAL.substring(1), CAPITAL_UNITS)).append("元");
		}
		if (jiao == 0 && cents == 0) {
			return words.append("整").toString();
		}
		if (jiao > 0) {
			words.append(CAPITAL.charAt(jiao)).append("角");
		}
		else if (yuan > 0) {
			words.append("零");
		}
		if (cents > 0) {
			words.append(CAPITAL.charAt(cents)).append("分");
		}
		return words.toString();
	}

	/**
	 * The text with each sum of money in figures followed by its capital form: "赔偿2000元" becomes
	 * "赔偿2000元（人民币贰仟元整）". A sum already followed by its capital form is left as it is.
	 */
	static String withAmountsInWords(String text) {
		if (text == null) {
			return null;
		}
		Matcher m = AMOUNT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			BigDecimal sum = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
			if (m.group(3) != null) {
				sum = sum.movePointRight(4);
			}
			m.appendReplacement(out, Matcher.quoteReplacement(m.group() + "（人民币" + amount(sum) + "）"));
		}
		m.appendTail(out);
		return out.toString();
	}

	/**
	 * A number written in sections of four digits (个, 万, 亿), highest first: a zero section, or a section below a
	 * thousand after a higher one, is read as one 零 (一万零五百, 一亿零五); zeros at the end are not read (二千万).
	 */
	private static String grouped(long n, String zero, String digits, String[] units) {
		java.util.List<Integer> parts = new java.util.ArrayList<>();
		for (long rest = n; rest > 0; rest /= 10000) {
			parts.add((int) (rest % 10000));
		}
		StringBuilder out = new StringBuilder();
		boolean skipped = false;
		for (int i = parts.size() - 1; i >= 0; i--) {
			int part = parts.get(i);
			if (part == 0) {
				skipped = out.length() > 0;
				continue;
			}
			if (out.length() > 0 && (skipped || part < 1000)) {
				out.append(zero);
			}
			out.append(section(part, zero, digits, units)).append(SECTIONS[i]);
			skipped = false;
		}
		return out.toString();
	}

	/** One section of up to four digits: 二千零五, 三百, 一十二 (the 一 of 一十 is dropped by {@link #count} only). */
	private static String section(int part, String zero, String digits, String[] units) {
		StringBuilder out = new StringBuilder();
		boolean zeroPending = false;
		for (int unit = 3; unit >= 0; unit--) {
			int digit = part / (int) Math.pow(10, unit) % 10;
			if (digit == 0) {
				zeroPending = out.length() > 0;
				continue;
			}
			if (zeroPending) {
				out.append(zero);
				zeroPending = false;
			}
			out.append(digits.charAt(digit - 1)).append(units[unit]);
		}
		return out.toString();
	}

}

package org.grassroots.dashboard.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * How the dashboard writes its figures, the one place of its rounding rule: a rate is a percentage to one decimal,
 * rounded half up from the counts themselves (never from a share already rounded). A rate is compared in percentage
 * points, the difference of the two rates as shown (so that the card's own figures add up); a count is compared by
 * the difference and the change in percent, to one decimal as well. Nothing counted shows as a dash, not as 0%.
 */
public final class FigureFormat {

	public static final String NONE = "—";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final MessageSource messages;

	private final Locale locale;

	public FigureFormat(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	/** A part of a whole in percent, one decimal, half up; null when the whole is nothing. */
	public static BigDecimal percent(long part, long whole) {
		return whole == 0 ? null : BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
	}

	/** A share (0.0 to 1.0) in percent, one decimal, half up: for figures another module gives only as a share. */
	public static BigDecimal percent(double share) {
		return BigDecimal.valueOf(share).multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP);
	}

	/** The change of a count in percent of what it was, one decimal; null when it was nothing. */
	public static BigDecimal change(long now, long before) {
		return before == 0 ? null
				: BigDecimal.valueOf(now - before).multiply(HUNDRED).divide(BigDecimal.valueOf(before), 1, RoundingMode.HALF_UP);
	}

	/** The difference of two rates in percentage points; null when either is missing. */
	public static BigDecimal points(BigDecimal now, BigDecimal before) {
		return now == null || before == null ? null : now.subtract(before);
	}

	/** "88.0%", or a dash when nothing was counted. */
	public String rate(long part, long whole) {
		return rate(percent(part, whole));
	}

	public String rate(BigDecimal percent) {
		return percent == null ? NONE : percent.toPlainString() + "%";
	}

	/** "+2.1 个百分点" between two rates as shown; a dash when either is missing. */
	public String pointsChange(BigDecimal now, BigDecimal before) {
		BigDecimal p = points(now, before);
		return p == null ? NONE : messages.getMessage("dashboard.change.points", new Object[] {signed(p)}, locale);
	}

	/** "+7（+233.3%）": the difference and the change in percent; the difference alone when it was nothing before. */
	public String countChange(long now, long before) {
		BigDecimal c = change(now, before);
		String difference = now - before > 0 ? "+" + (now - before) : Long.toString(now - before);
		return c == null ? difference : messages.getMessage("dashboard.change.count", new Object[] {difference, signed(c) + "%"}, locale);
	}

	/** "+233.3%", the change of a count alone; a dash when it was nothing before. */
	public String percentChange(long now, long before) {
		BigDecimal c = change(now, before);
		return c == null ? NONE : signed(c) + "%";
	}

	private static String signed(BigDecimal value) {
		return value.signum() > 0 ? "+" + value.toPlainString() : value.toPlainString();
	}

}

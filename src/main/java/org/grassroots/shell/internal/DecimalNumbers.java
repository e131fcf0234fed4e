package org.grassroots.shell.internal;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids, page numbers and the like in paths, parameters and forms are read as plain decimal. Spring's default number
 * editor uses {@code Long.decode}, which takes {@code 0x10} (hex) and {@code 010} (octal), so
 * {@code /api/v1/appeals/0x10} was appeal 16. A {@code long} refuses a sign (ids are never negative); an {@code int}
 * allows a minus. Anything else fails conversion, which the API answers with 400 naming the parameter.
 * <p>
 * An editor, not a converter: the binder falls back from a failed conversion to its default editors, which would
 * decode hex after all; a custom editor is asked first and its refusal stands.
 */
@ControllerAdvice
class DecimalNumbers {

	private static final Pattern UNSIGNED = Pattern.compile("[0-9]{1,19}");

	private static final Pattern SIGNED = Pattern.compile("-?[0-9]{1,10}");

	@InitBinder
	void decimalOnly(WebDataBinder binder) {
		binder.registerCustomEditor(Long.class, new Decimal(true, true));
		binder.registerCustomEditor(long.class, new Decimal(true, false));
		binder.registerCustomEditor(Integer.class, new Decimal(false, true));
		binder.registerCustomEditor(int.class, new Decimal(false, false));
	}

	private static final class Decimal extends PropertyEditorSupport {

		private final boolean isLong;

		private final boolean nullable;

		Decimal(boolean isLong, boolean nullable) {
			this.isLong = isLong;
			this.nullable = nullable;
		}

		@Override
		public void setAsText(String text) {
			String value = text == null ? "" : text.strip();
			if (value.isEmpty() && nullable) {
				setValue(null);
				return;
			}
			if (!(isLong ? UNSIGNED : SIGNED).matcher(value).matches()) {
				throw new IllegalArgumentException("Not a decimal number: " + text);
			}
			try {
				setValue(isLong ? (Object) Long.parseLong(value) : (Object) Integer.parseInt(value));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Out of range: " + text);
			}
		}

		@Override
		public String getAsText() {
			Object value = getValue();
			return value == null ? "" : value.toString();
		}

	}

}

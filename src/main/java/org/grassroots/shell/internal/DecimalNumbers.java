package org.grassroots.shell.internal;

import java.util.regex.Pattern;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Ids, page numbers and the like in paths, parameters and forms are read as plain decimal. Spring's default number
 * conversion uses {@code Long.decode}, which takes {@code 0x10} (hex) and {@code 010} (octal), so
 * {@code /api/v1/appeals/0x10} was appeal 16. A {@code long} refuses a sign (ids are never negative); an
 * {@code int} allows a minus. Anything else fails conversion, which the API answers with 400 naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class DecimalNumbers implements WebMvcConfigurer {

	private static final Pattern UNSIGNED = Pattern.compile("[0-9]{1,19}");

	private static final Pattern SIGNED = Pattern.compile("-?[0-9]{1,10}");

	@Override
	public void addFormatters(FormatterRegistry registry) {
		// added last, so they are asked before the default String-to-Number converter
		registry.addConverter(String.class, Long.class, (Converter<String, Long>) DecimalNumbers::toLong);
		registry.addConverter(String.class, Integer.class, (Converter<String, Integer>) DecimalNumbers::toInteger);
	}

	static Long toLong(String text) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		if (!UNSIGNED.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a decimal id: " + text);
		}
		return Long.parseLong(value);
	}

	static Integer toInteger(String text) {
		String value = text.strip();
		if (value.isEmpty()) {
			return null;
		}
		if (!SIGNED.matcher(value).matches()) {
			throw new IllegalArgumentException("Not a decimal integer: " + text);
		}
		return Integer.parseInt(value);
	}

}

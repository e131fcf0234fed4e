package org.grassroots.registry.web;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.grassroots.registry.internal.TagCatalogue;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns enum values and tag codes into words of the reader's language, for ledgers. */
@Component
class Labels {

	private final MessageSource messages;
	private final TagCatalogue tags;

	Labels(MessageSource messages, TagCatalogue tags) {
		this.messages = messages;
		this.tags = tags;
	}

	String msg(String key) {
		return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
	}

	String of(String prefix, Enum<?> value) {
		return value == null ? "" : msg(prefix + value.name());
	}

	String tags(Collection<String> codes) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String> names = tags.all().stream()
			.collect(Collectors.toMap(TagCatalogue.TagDefinition::code, t -> t.label(locale)));
		return codes.stream().map(c -> names.getOrDefault(c, c)).collect(Collectors.joining("、"));
	}

	Map<String, String> tagNames() {
		Locale locale = LocaleContextHolder.getLocale();
		return tags.all().stream().collect(Collectors.toMap(TagCatalogue.TagDefinition::code, t -> t.label(locale)));
	}

}

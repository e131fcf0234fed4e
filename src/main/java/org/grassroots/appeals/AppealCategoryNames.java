package org.grassroots.appeals;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.grassroots.appeals.internal.AppealCategories;
import org.springframework.stereotype.Component;

/** Category codes to names in a language, for other modules' pages. */
@Component
public class AppealCategoryNames {

	private final AppealCategories categories;

	AppealCategoryNames(AppealCategories categories) {
		this.categories = categories;
	}

	/** Every category, switched off or not, in the admins' order (a filter lists them so). */
	public Map<String, String> names(Locale locale) {
		return categories.all().stream()
			.collect(Collectors.toMap(AppealCategories.CategoryForm::code,
					c -> "en".equals(locale.getLanguage()) ? c.nameEn() : c.nameZh(), (a, b) -> a, java.util.LinkedHashMap::new));
	}

}

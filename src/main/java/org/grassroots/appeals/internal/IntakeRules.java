package org.grassroots.appeals.internal;

import static org.grassroots.appeals.AppealLimits.DESCRIPTION_MAX;
import static org.grassroots.appeals.AppealLimits.DESCRIPTION_MIN;
import static org.grassroots.appeals.AppealLimits.LOCATION_MAX;
import static org.grassroots.appeals.AppealLimits.NAME_MAX;
import static org.grassroots.appeals.AppealLimits.PHOTOS_MAX;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.privacy.PhoneNumber;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The one rule set every channel's appeals pass (staff forms, the public QR page, Open311, 12345 orders, needs found on
 * visits, incidents from patrols). A channel maps its input into a {@link Draft}, finds the place itself (each channel
 * names it its own way: a scoped code, a QR code's node, a position, an address) and maps the problems out in its own
 * form: field errors on pages and the API, the GeoReport error list, an import's row errors. Field names are the
 * draft's: categoryCode, description, locationText, reporterName, phone, latitude, photos.
 */
@Component
public class IntakeRules {

	private final AppealCategories categories;

	IntakeRules(AppealCategories categories) {
		this.categories = categories;
	}

	/**
	 * What a channel brings. {@code phoneRequired}: the public page needs a number to follow the appeal with;
	 * {@code photos}: how many came.
	 */
	public record Draft(AppealChannel channel, String categoryCode, String description, String locationText, String reporterName,
			String phone, boolean phoneRequired, Double latitude, Double longitude, int photos) {

		public static Draft of(AppealChannel channel, String categoryCode, String description) {
			return new Draft(channel, categoryCode, description, null, null, null, false, null, null, 0);
		}

		public Draft place(String locationText, Double latitude, Double longitude) {
			return new Draft(channel, categoryCode, description, locationText, reporterName, phone, phoneRequired, latitude, longitude,
					photos);
		}

		public Draft reporter(String name, String phone, boolean phoneRequired) {
			return new Draft(channel, categoryCode, description, locationText, name, phone, phoneRequired, latitude, longitude, photos);
		}

		public Draft photos(int count) {
			return new Draft(channel, categoryCode, description, locationText, reporterName, phone, phoneRequired, latitude, longitude,
					count);
		}

	}

	/** The category, when it is one of the active ones, and every problem of the draft. */
	public record Checked(Optional<AppealCategories.Category> category, List<FieldProblem> problems) {

		public boolean ok() {
			return problems.isEmpty();
		}

		/** The category, or the problems as one {@link InputRejected} (with the channel's own problems added). */
		public AppealCategories.Category orReject(List<FieldProblem> more) {
			List<FieldProblem> all = new ArrayList<>(problems);
			all.addAll(more);
			if (!all.isEmpty()) {
				throw new InputRejected(all);
			}
			return category.orElseThrow();
		}

	}

	public Checked check(Draft d) {
		List<FieldProblem> problems = new ArrayList<>();
		Optional<AppealCategories.Category> category = StringUtils.hasText(d.categoryCode())
				? categories.find(d.categoryCode().strip()) : Optional.empty();
		if (!StringUtils.hasText(d.categoryCode())) {
			problems.add(problem("categoryCode", "appeal.category.unknown"));
		}
		else if (category.isEmpty()) {
			problems.add(problem("categoryCode", "appeal.category.unknown"));
		}
		String description = d.description() == null ? "" : d.description().strip();
		// GeoReport v2 makes the description optional (a photo may say it all); everywhere else it is needed
		boolean mayBeBlank = d.channel() == AppealChannel.OPEN311 && description.isEmpty();
		if (!mayBeBlank && (description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX)) {
			problems.add(problem("description", "appeal.description.size", DESCRIPTION_MIN, DESCRIPTION_MAX));
		}
		if (d.locationText() != null && d.locationText().strip().length() > LOCATION_MAX) {
			problems.add(problem("locationText", "appeal.tooLong", LOCATION_MAX));
		}
		if (d.reporterName() != null && d.reporterName().strip().length() > NAME_MAX) {
			problems.add(problem("reporterName", "appeal.tooLong", NAME_MAX));
		}
		if (!StringUtils.hasText(d.phone())) {
			if (d.phoneRequired()) {
				problems.add(problem("phone", "validation.required"));
			}
		}
		else if (d.channel() == AppealChannel.OPEN311 ? !asGiven(d.phone()) : !PhoneNumber.isValid(d.phone())) {
			problems.add(problem("phone", "registry.resident.phone.invalid"));
		}
		if ((d.latitude() != null && (d.latitude().isNaN() || Math.abs(d.latitude()) > 90))
				|| (d.longitude() != null && (d.longitude().isNaN() || Math.abs(d.longitude()) > 180))) {
			problems.add(problem("latitude", "validation.latitude"));
		}
		if (d.photos() > PHOTOS_MAX) {
			problems.add(problem("photos", "appeal.photos.tooMany", PHOTOS_MAX));
		}
		return new Checked(category, problems);
	}

	/** A number from outside the mainland, as an Open311 client sends it: digits and the usual signs, of a sane length. */
	private static boolean asGiven(String phone) {
		String p = phone.strip();
		return p.length() <= 32 && p.chars().filter(Character::isDigit).count() >= 5
				&& p.chars().allMatch(c -> Character.isDigit(c) || " +-().".indexOf(c) >= 0);
	}

	private static FieldProblem problem(String field, String key, Object... args) {
		return new FieldProblem(field, key, args);
	}

}

package org.grassroots.appeals;

/**
 * The sizes of what an appeal takes in, in one place: the intake rules check them, the forms' hints (maxlength) and
 * the API's documentation show them, and a test holds them against the columns that store them.
 */
public final class AppealLimits {

	public static final int DESCRIPTION_MIN = 5;
	/** As GeoReport v2 allows a description (4,000 characters); every channel takes the same. */
	public static final int DESCRIPTION_MAX = 4000;
	public static final int LOCATION_MAX = 200;
	public static final int NAME_MAX = 64;
	public static final int NOTE_MAX = 2000;
	public static final int UNIT_MAX = 64;
	public static final int DEPARTMENTS_MAX = 5;
	public static final int DEPARTMENT_MAX = 64;
	public static final int PHOTOS_MAX = 5;
	/** A photo's size before it is re-encoded (the privacy module's cleaner refuses larger ones). */
	public static final int PHOTO_MAX_BYTES = org.grassroots.privacy.PhotoCleaner.MAX_BYTES;
	public static final int EXTENSION_DAYS_MAX = 30;
	/** A 12345 work order's number (kept as "12345:" + number in the appeal's 64-character external reference). */
	public static final int TICKET_MAX = 58;

	private AppealLimits() {
	}

	/** The limits by name, for the pages' hints ({@code th:maxlength="${limits.NOTE_MAX}"}). */
	public static java.util.Map<String, Integer> asMap() {
		return BY_NAME;
	}

	/** Read once: the public constants above, by their names. */
	private static final java.util.Map<String, Integer> BY_NAME = byName();

	private static java.util.Map<String, Integer> byName() {
		java.util.Map<String, Integer> limits = new java.util.LinkedHashMap<>();
		for (java.lang.reflect.Field f : AppealLimits.class.getFields()) {
			try {
				limits.put(f.getName(), f.getInt(null));
			}
			catch (IllegalAccessException e) {
				throw new IllegalStateException(e);
			}
		}
		return java.util.Collections.unmodifiableMap(limits);
	}

}

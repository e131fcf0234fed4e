package org.grassroots.appeals.internal;

/**
 * What a resident fills in on the public QR page. {@code submissionKey} is generated with the form, so
 * that sending it twice (a double tap, a retry on a weak signal) stores one appeal.
 */
public record PublicForm(String categoryCode, String description, String regionCode, String locationText,
		String reporterName, String phone, String submissionKey, Double latitude, Double longitude) {

	public PublicForm(String categoryCode, String description, String regionCode, String locationText, String reporterName,
			String phone, String submissionKey) {
		this(categoryCode, description, regionCode, locationText, reporterName, phone, submissionKey, null, null);
	}

}

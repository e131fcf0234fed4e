package org.grassroots.petitions.internal;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.grassroots.privacy.PhotoCleaner;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.StreamedForms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The photos sent as evidence with a close-out request, kept with their item: checked by their content and stored
 * without what they say about where and with what they were taken ({@link PhotoCleaner}, as the appeals' and visits'
 * photos). Read only through a petition the reader's scope covers ({@link Petitions#get}).
 */
@Component
public class PetitionPhotos {

	/** Up to five photos a request, each at most the cleaner's size before it is re-encoded. */
	public static final int MAX_PHOTOS = 5;

	/** How the page's upload is read: the field, how many, how large each (checked while it streams in). */
	public static final StreamedForms.Limits LIMITS = new StreamedForms.Limits("photos", MAX_PHOTOS, PhotoCleaner.MAX_BYTES);

	public record PhotoRef(long id, int item) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final PhotoCleaner cleaner;

	PetitionPhotos(JdbcClient jdbc, Clock clock, PhotoCleaner cleaner) {
		this.cleaner = cleaner;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The photos cleaned, or refused by the field {@code photos} when one is not a JPEG, PNG or WebP image or too many came. */
	List<PhotoCleaner.CleanPhoto> clean(List<byte[]> photos) {
		if (photos.size() > MAX_PHOTOS) {
			throw new InputRejected("photos", "petition.photos.tooMany", MAX_PHOTOS);
		}
		List<PhotoCleaner.CleanPhoto> clean = new ArrayList<>(photos.size());
		for (byte[] photo : photos) {
			clean.add(cleaner.clean(photo).orElseThrow(
					() -> new InputRejected("photos", "petition.photos.invalid", PhotoCleaner.MAX_BYTES / 1024 / 1024)));
		}
		return clean;
	}

	void store(long petitionId, int itemIndex, List<PhotoCleaner.CleanPhoto> photos, String by) {
		for (PhotoCleaner.CleanPhoto photo : photos) {
			jdbc.sql("""
					INSERT INTO petitions_photo (petition_id, item_key, content_type, bytes, byte_size, created_by, created_at)
					VALUES (:p, :i, :t, :b, :s, :by, :at)""")
				.param("p", petitionId).param("i", itemIndex).param("t", photo.contentType()).param("b", photo.bytes())
				.param("s", photo.bytes().length).param("by", by).param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
				.update();
		}
	}

	/** Each item's photos (items numbered from 1), oldest first. */
	public Map<Integer, List<Long>> byItem(long petitionId) {
		Map<Integer, List<Long>> photos = new LinkedHashMap<>();
		jdbc.sql("SELECT id, item_key FROM petitions_photo WHERE petition_id = :p ORDER BY id").param("p", petitionId)
			.query((rs, i) -> photos.computeIfAbsent(rs.getInt(2) + 1, k -> new ArrayList<>()).add(rs.getLong(1)))
			.list();
		return photos;
	}

	/** The photo of that petition, if it is one of its photos. */
	Optional<PhotoCleaner.CleanPhoto> photo(long petitionId, long photoId) {
		return jdbc.sql("SELECT content_type, bytes FROM petitions_photo WHERE id = :id AND petition_id = :p")
			.param("id", photoId).param("p", petitionId)
			.query((rs, i) -> new PhotoCleaner.CleanPhoto(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

}

package org.grassroots.appeals.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.grassroots.appeals.AppealChannel;
import org.grassroots.appeals.AppealLevel;
import org.grassroots.appeals.AppealLimits;
import org.grassroots.privacy.PersonalDataProtector;
import org.grassroots.privacy.PhotoCleaner;
import org.grassroots.registry.RegionNode;
import org.grassroots.registry.RegionTree;
import org.grassroots.shell.InputRejected;
import org.grassroots.shell.InputRejected.FieldProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 码上响应: appeals from the public page behind a village's or grid's QR code, without signing in.
 * Checked like any other input, limited per phone and per client per hour, idempotent by the form's
 * submission key; photos are checked by content and stored without metadata. Residents follow their
 * appeal with its tracking code and the last four digits of their phone.
 */
@Service
public class PublicIntake {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{16,64}");

	private final AppealHandling handling;
	private final IntakeRules rules;
	private final java.time.Clock clock;
	private final RegionTree regions;
	private final PersonalDataProtector protector;
	private final Appeals appeals;
	private final JdbcClient jdbc;
	private final int maxPerPhone;
	private final int maxPerClient;
	private final org.grassroots.shell.RateLimits limits;
	private final org.grassroots.shell.Backoff backoff;
	private final org.springframework.transaction.support.TransactionTemplate transactions;
	private final PhotoCleaner cleaner;

	/** Look-ups of an appeal by code and digits: per client and per code in an hour (the digits are only 10,000). */
	static final int TRACKS_PER_CLIENT_HOUR = 30;
	static final int TRACKS_PER_CODE_HOUR = 10;

	PublicIntake(AppealHandling handling, IntakeRules rules, RegionTree regions, PersonalDataProtector protector,
			Appeals appeals, JdbcClient jdbc, java.time.Clock clock, @Value("${grassroots.appeals.public.max-per-phone-hour:5}") int maxPerPhone,
			@Value("${grassroots.appeals.public.max-per-client-hour:20}") int maxPerClient, org.grassroots.shell.RateLimits limits,
			org.springframework.transaction.PlatformTransactionManager transactionManager, PhotoCleaner cleaner,
			org.grassroots.shell.Backoff backoff) {
		this.cleaner = cleaner;
		this.backoff = backoff;
		this.limits = limits;
		this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
		this.handling = handling;
		this.rules = rules;
		this.clock = clock;
		this.regions = regions;
		this.protector = protector;
		this.appeals = appeals;
		this.jdbc = jdbc;
		this.maxPerPhone = maxPerPhone;
		this.maxPerClient = maxPerClient;
	}

	/** The node a QR code points at, if appeals may be made there (a village, community, grid or below). */
	public Optional<RegionNode> intakePoint(String regionCode) {
		return regions.byCode(regionCode).filter(r -> r.depth() >= AppealLevel.VILLAGE.depth());
	}

	/** How long a copy of a submission waits for its first copy to be taken in before it is told to try again. */
	static final java.time.Duration REPLAY_WAIT = java.time.Duration.ofSeconds(20);

	/** A claim older than this was left by a node that died: a retry takes it over. */
	static final java.time.Duration CLAIM_STALE = java.time.Duration.ofMinutes(2);

	/**
	 * Returns the new appeal, or the one this submission key already made. Copies of one submission sent together
	 * (a double tap on a weak signal) all answer the one appeal: the key is claimed first, committed at once; a copy
	 * that finds it claimed takes no limit and decodes nothing, it waits (holding no connection) until the first copy
	 * is done and answers its appeal, or, if the first was refused, is taken in or refused in its own right.
	 */
	public Appeal submit(PublicForm form, List<byte[]> photos, String clientAddress) {
		if (form.submissionKey() == null || !KEY.matcher(form.submissionKey()).matches()) {
			throw new InputRejected("submissionKey", "appeal.public.reload");
		}
		String key = form.submissionKey();
		long giveUpAt = System.nanoTime() + REPLAY_WAIT.toNanos();
		long pause = 10;
		while (true) {
			Optional<Appeal> earlier = bySubmissionKey(key);
			if (earlier.isPresent()) {
				return earlier.get();
			}
			if (claim(key)) {
				try {
					return submitClaimed(form, photos, clientAddress);
				}
				finally {
					try {
						release(key);
					}
					catch (RuntimeException databaseGone) {
						// left behind, the claim is taken over once it is stale; what the submission answered stands
						org.slf4j.LoggerFactory.getLogger(PublicIntake.class).warn("Submission claim not released: {}",
								databaseGone.getMessage());
					}
				}
			}
			if (System.nanoTime() - giveUpAt > 0) {
				// the first copy is still at work (its photos slow to decode …): said as "try again", never a second appeal
				throw new org.grassroots.shell.ServiceBusy("public submission", 2);
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException stopped) {
				Thread.currentThread().interrupt();
				throw new org.grassroots.shell.ServiceBusy("public submission", 2);
			}
			pause = Math.min(pause * 2, 200);
		}
	}

	/** Claims a submission key, committed at once; false while another copy of the submission holds it. */
	private boolean claim(String key) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		try {
			transactions.executeWithoutResult(status -> {
				jdbc.sql("INSERT INTO appeals_submission_claim (submission_key, claimed_at) VALUES (:k, :at)").param("k", key)
					.param("at", now).update();
				// claims are removed when done; any a dead node left behind go with the day
				jdbc.sql("DELETE FROM appeals_submission_claim WHERE claimed_at < :old").param("old", now.minusDays(1)).update();
			});
			return true;
		}
		catch (org.springframework.dao.DuplicateKeyException held) {
			// held by another copy; taken over only when its holder is long gone
			Integer taken = transactions.execute(status -> jdbc
				.sql("UPDATE appeals_submission_claim SET claimed_at = :at WHERE submission_key = :k AND claimed_at < :stale")
				.param("at", now).param("k", key).param("stale", now.minus(CLAIM_STALE)).update());
			return taken != null && taken == 1;
		}
	}

	private void release(String key) {
		transactions.executeWithoutResult(status -> jdbc.sql("DELETE FROM appeals_submission_claim WHERE submission_key = :k")
			.param("k", key).update());
	}

	/**
	 * The submission's own work, its key claimed. Not one transaction as a whole: the limits are taken first, each
	 * committed at once on its own (holding no other connection meanwhile, so a burst cannot exhaust the pool), then
	 * the appeal is made in its transaction.
	 */
	private Appeal submitClaimed(PublicForm form, List<byte[]> photos, String clientAddress) {
		// the cheap check first: a client past its submissions of the hour gets no photo decoded
		String clientHash = protector.lookupHash("client:" + clientAddress);
		Optional<org.grassroots.shell.RateLimits.Use> clientUse = limits.use("qr-client:" + clientHash, maxPerClient,
				java.time.Duration.ofHours(1));
		if (clientUse.isEmpty()) {
			throw new TooManySubmissions();
		}
		List<FieldProblem> problems = new ArrayList<>();
		RegionNode region = intakePoint(form.regionCode() == null ? "" : form.regionCode()).orElse(null);
		if (region == null) {
			problems.add(new FieldProblem("regionCode", "appeal.region.tooHigh", new Object[0]));
		}
		List<PhotoCleaner.CleanPhoto> clean = new ArrayList<>();
		if (photos.size() <= AppealLimits.PHOTOS_MAX) {
			for (byte[] photo : photos) {
				try {
					cleaner.clean(photo).ifPresentOrElse(clean::add, () -> problems
						.add(new FieldProblem("photos", "appeal.photos.invalid", new Object[] {AppealLimits.PHOTO_MAX_BYTES / 1024 / 1024})));
				}
				catch (InputRejected refused) {
					// too many pixels (read from the header, not decoded) or too slow to decode: said as such
					problems.addAll(refused.problems());
				}
			}
		}
		var checked = rules.check(IntakeRules.Draft.of(AppealChannel.QR, form.categoryCode(), form.description())
			.place(form.locationText(), form.latitude(), form.longitude())
			.reporter(form.reporterName(), form.phone(), true)
			.photos(photos.size()));
		List<FieldProblem> all = new ArrayList<>();
		// the page names the position's problem beside the place it describes
		checked.problems().forEach(p -> all.add(p.field().equals("latitude") ? new FieldProblem("locationText", p.messageKey(), p.args()) : p));
		var category = new IntakeRules.Checked(checked.category(), all).orReject(problems);
		String phoneHash = protector.lookupHashOfPhone(form.phone());
		Optional<org.grassroots.shell.RateLimits.Use> phoneUse = limits.use("qr-phone:" + phoneHash, maxPerPhone,
				java.time.Duration.ofHours(1));
		if (phoneUse.isEmpty()) {
			throw new TooManySubmissions();
		}
		try {
			return transactions.execute(status -> create(form, clean, category, region, clientHash));
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			// another copy made it after all (it took over a claim it thought abandoned): its appeal is the answer,
			// and what this copy took of the limits is given back, as it was no new submission
			Optional<Appeal> stored = bySubmissionKey(form.submissionKey());
			if (stored.isEmpty()) {
				throw raced;
			}
			limits.giveBack(clientUse.get());
			limits.giveBack(phoneUse.get());
			return stored.get();
		}
	}

	private Appeal create(PublicForm form, List<PhotoCleaner.CleanPhoto> clean, AppealCategories.Category category,
			RegionNode region, String clientHash) {
		Appeal appeal = handling.create(AppealIntake.of(AppealChannel.QR, form.description(), "public")
			.place(form.locationText(), form.latitude(), form.longitude())
			.reporter(form.reporterName(), protector.protectPhone(form.phone()))
			.submission(form.submissionKey(), clientHash), category, region);
		for (PhotoCleaner.CleanPhoto photo : clean) {
			jdbc.sql("INSERT INTO appeals_photo (appeal_id, content_type, bytes, byte_size, created_at) VALUES (:a, :t, :b, :s, :at)")
				.param("a", appeal.id).param("t", photo.contentType()).param("b", photo.bytes()).param("s", photo.bytes().length)
				.param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
				.update();
		}
		return appeal;
	}

	public Optional<Appeal> bySubmissionKey(String key) {
		return jdbc.sql("SELECT id FROM appeals_appeal WHERE submission_key = :k").param("k", key).query(Long.class).optional()
			.flatMap(appeals::findById);
	}

	/**
	 * {@link #track} for a resident's page: limited per client and per code in an hour, so that the 10,000 possible
	 * digits cannot be tried (and the appeal then rated 不满意 by a stranger). {@link TooManySubmissions} past a limit.
	 */
	public Optional<Appeal> track(String code, String phoneLast4, String clientAddress) {
		String client = protector.lookupHash("client:" + clientAddress);
		String normalised = code == null ? "" : code.strip().toUpperCase();
		// after a failed try the client and the code each wait longer (1 s, 2 s, 4 s …): the code's try is taken
		// atomically, so tries sent together on one code go one at a time
		Optional<java.time.Duration> wait = backoff.waiting("track-client:" + client);
		if (wait.isEmpty()) {
			wait = backoff.charge("track-code:" + normalised);
		}
		if (wait.isPresent()) {
			throw new TryAgainLater(wait.get());
		}
		if (!limits.take("track-client:" + client, TRACKS_PER_CLIENT_HOUR, java.time.Duration.ofHours(1))
				|| !limits.take("track-code:" + normalised, TRACKS_PER_CODE_HOUR, java.time.Duration.ofHours(1))) {
			throw new TooManySubmissions();
		}
		Optional<Appeal> found = track(code, phoneLast4);
		if (found.isPresent()) {
			backoff.clear("track-code:" + normalised);
		}
		else {
			backoff.failed("track-client:" + client);
		}
		return found;
	}

	/** The appeal for its tracking code, if the last four digits of the phone match; nothing else tells which failed. */
	public Optional<Appeal> track(String code, String phoneLast4) {
		if (code == null || phoneLast4 == null || !phoneLast4.strip().matches("\\d{4}")) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT id FROM appeals_appeal WHERE tracking_code = :c").param("c", code.strip().toUpperCase())
			.query(Long.class)
			.optional()
			.flatMap(appeals::findById)
			.filter(a -> a.phoneMasked != null && a.phoneMasked.endsWith(phoneLast4.strip()));
	}

	public record PhotoRef(long id, String contentType) {
	}

	public List<PhotoRef> photosOf(long appealId) {
		return jdbc.sql("SELECT id, content_type FROM appeals_photo WHERE appeal_id = :a ORDER BY id").param("a", appealId)
			.query((rs, i) -> new PhotoRef(rs.getLong(1), rs.getString(2)))
			.list();
	}

	public Optional<PhotoCleaner.CleanPhoto> photo(long appealId, long photoId) {
		return jdbc.sql("SELECT content_type, bytes FROM appeals_photo WHERE id = :p AND appeal_id = :a")
			.param("p", photoId).param("a", appealId)
			.query((rs, i) -> new PhotoCleaner.CleanPhoto(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

}

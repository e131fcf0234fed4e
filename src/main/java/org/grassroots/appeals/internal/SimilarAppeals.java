package org.grassroots.appeals.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.common.Term;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open appeals of the same village in the last 30 days that read like this one: the texts are cut into
 * words (HanLP), stop words and punctuation dropped, and compared by the cosine of their word counts.
 */
@Component
public class SimilarAppeals {

	static final double THRESHOLD = 0.35;

	private final JdbcClient jdbc;

	SimilarAppeals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Similar(long id, String trackingCode, String description, double score) {
	}

	/** Open appeals of the same village in the last 30 days that read alike — only those in the reader's own scope. */
	public List<Similar> of(org.grassroots.access.CurrentUser reader, Appeal appeal, int limit) {
		Map<String, Integer> mine = terms(appeal.description);
		if (mine.isEmpty()) {
			return List.of();
		}
		record Candidate(long id, String code, String text) {
		}
		return jdbc.sql("""
				SELECT id, tracking_code, description FROM appeals_appeal
				WHERE village_code = :v AND region_path LIKE :scope AND id <> :id AND status IN ('SUBMITTED','ACCEPTED','IN_PROGRESS')
				  AND submitted_at >= :since ORDER BY submitted_at DESC LIMIT 500""")
			.param("v", appeal.villageCode)
			.param("scope", reader.scopePattern())
			.param("id", appeal.id)
			.param("since", OffsetDateTime.ofInstant(appeal.submittedAt.minus(Duration.ofDays(30)), ZoneOffset.UTC))
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list()
			.stream()
			.map(c -> new Similar(c.id(), c.code(), c.text(), cosine(mine, terms(c.text()))))
			.filter(s -> s.score() >= THRESHOLD)
			.sorted(Comparator.comparingDouble(Similar::score).reversed())
			.limit(limit)
			.toList();
	}

	static Map<String, Integer> terms(String text) {
		Map<String, Integer> counts = new HashMap<>();
		if (text == null) {
			return counts;
		}
		for (Term term : HanLP.segment(text)) {
			String word = term.word.strip();
			boolean punctuation = term.nature != null && term.nature.startsWith("w");
			if (!word.isEmpty() && !punctuation && CoreStopWordDictionary.shouldInclude(term)) {
				counts.merge(word, 1, Integer::sum);
			}
		}
		return counts;
	}

	static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
		double dot = 0;
		for (var e : a.entrySet()) {
			dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
		}
		double na = Math.sqrt(a.values().stream().mapToDouble(v -> v * v).sum());
		double nb = Math.sqrt(b.values().stream().mapToDouble(v -> v * v).sum());
		return na == 0 || nb == 0 ? 0 : Math.round(dot / (na * nb) * 1000) / 1000.0;
	}

}

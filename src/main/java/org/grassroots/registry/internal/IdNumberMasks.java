package org.grassroots.registry.internal;

import org.grassroots.privacy.IdNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings stored ID masks to the current form at start-up. Masks are stored beside the cipher; those written before
 * the mask hid the birth date's neighbours showed the last four digits ({@code 4201**********1234}), which with the
 * birth date left a handful of numbers to try. The digits the new mask keeps are among the old ones, so no number is
 * decrypted. Idempotent: a mask already in the current form is left alone, so every node may run it.
 */
@Component
@Order(0)
public class IdNumberMasks implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IdNumberMasks.class);

	/** Four visible, twelve hidden, two visible: LIKE's '_' is any one character. */
	private static final String CURRENT = "____************__";

	private final JdbcClient jdbc;

	IdNumberMasks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		int changed = remask();
		if (changed > 0) {
			log.info("Re-masked {} stored ID numbers (birth date and last four no longer shown)", changed);
		}
	}

	/** Re-masks every stored mask of the older form; returns how many were changed. */
	@Transactional
	public int remask() {
		var old = jdbc.sql("SELECT id, id_number_masked FROM registry_resident WHERE LENGTH(id_number_masked) = 18 "
				+ "AND id_number_masked NOT LIKE :current")
			.param("current", CURRENT)
			.query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
			.list();
		int changed = 0;
		for (Object[] row : old) {
			String masked = (String) row[1];
			String now = IdNumber.remask(masked);
			if (!now.equals(masked)) {
				changed += jdbc.sql("UPDATE registry_resident SET id_number_masked = :m WHERE id = :id")
					.param("m", now).param("id", row[0]).update();
			}
		}
		return changed;
	}

}

package org.grassroots.audit.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.grassroots.access.AccountDirectory;
import org.grassroots.audit.AuditTrail;
import org.grassroots.audit.internal.AuditEntries;
import org.grassroots.audit.internal.AuditRecord;
import org.grassroots.shell.CountyTime;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The trail as a person reads it, in their language and local time: who by name and role, what in
 * words, which kind of record, and which fields changed from what to what. The stored entry stays as
 * it was written (the chain hashes it); only its reading is translated. Codes in a summary or a value
 * (ACCEPT, HOUSE_MEETING …) are read through the message families the pages already use.
 */
@Component
class AuditReading {

	/** Where a code found in a summary or a changed value may have its words, tried in this order. */
	private static final List<String> CODE_FAMILIES = List.of("audit.code.", "appeal.action.", "appeal.status.",
			"appeal.channel.", "dispute.status.", "dispute.type.", "dispute.source.", "dispute.session.",
			"petition.item.", "petition.level.", "fieldwork.duty.", "petition.category.", "fieldwork.purpose.", "resident.status.",
			"household.status.", "region.type.", "party.type.", "role.", "audit.action.");

	private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\b[A-Z]{3,}\\b");

	private static final Pattern PHRASE = Pattern.compile("[A-Za-z][A-Za-z0-9 :,;.\\-]{0,120}");

	private static final Pattern NUMBER = Pattern.compile("\\b\\d{1,9}\\b");

	private final MessageSource messages;

	private final AccountDirectory accounts;

	private final JsonMapper json = JsonMapper.builder().build();

	AuditReading(MessageSource messages, AccountDirectory accounts) {
		this.messages = messages;
		this.accounts = accounts;
	}

	/** One entry as read: everything in the reader's words. */
	record Entry(long id, String time, String actor, String actorLogin, String action, String object, String summary,
			String brief, String clientAddress, List<Change> changes) {
	}

	/** One field's change, named and valued in the reader's words. */
	record Change(String field, String before, String after, boolean changed) {
	}

	/** A reader for one page: people are looked up once each. */
	Reader reader(Locale locale) {
		return new Reader(locale);
	}

	final class Reader {

		private final Locale locale;

		private final Map<String, String> people = new HashMap<>();

		private Reader(Locale locale) {
			this.locale = locale;
		}

		Entry read(AuditRecord e) {
			List<Change> changes = new ArrayList<>();
			for (AuditEntries.FieldChange c : AuditEntries.diff(e, json)) {
				changes.add(new Change(field(c.field()), value(c.before()), value(c.after()), c.changed()));
			}
			return new Entry(e.id(), CountyTime.seconds(e.occurredAt()), actor(e.actor()), e.actor(),
					text("audit.action." + e.action(), e.action()), object(e), summary(e.summary()), brief(e, changes),
					e.clientAddress(), changes);
		}

		/** For a change of an existing record: its first changed fields, "状态：已受理 → 已办结". */
		private String brief(AuditRecord e, List<Change> changes) {
			if (e.beforeState() == null || e.afterState() == null) {
				return "";
			}
			List<Change> changed = changes.stream().filter(Change::changed).toList();
			StringBuilder s = new StringBuilder();
			for (Change c : changed.subList(0, Math.min(3, changed.size()))) {
				s.append(s.isEmpty() ? "" : "；").append(c.field()).append("：")
					.append(c.before().isEmpty() ? "—" : shorten(c.before())).append(" → ")
					.append(c.after().isEmpty() ? "—" : shorten(c.after()));
			}
			return changed.size() > 3 ? s.append(" …").toString() : s.toString();
		}

		private static String shorten(String value) {
			return value.length() <= 40 ? value : value.substring(0, 39) + "…";
		}

		/** The entry's kind and number, e.g. "诉求 1203". */
		String object(AuditRecord e) {
			String kind = text("audit.entity." + e.entityType(), e.entityType());
			return e.entityId() == null ? kind : kind + " " + e.entityId();
		}

		/** A person by name and role; the public and the system by what they are. */
		String actor(String username) {
			if (username == null) {
				return "";
			}
			return people.computeIfAbsent(username, u -> switch (u) {
				case "system" -> text("audit.actor.system", u);
				case "anonymousUser" -> text("audit.actor.public", u);
				default -> accounts.find(u)
					.map(p -> p.displayName() + "（" + text("role." + p.role().name(), p.role().name()) + "）")
					.orElse(u);
			});
		}

		/**
		 * A summary written as {@link AuditTrail#summary(String, Object...)} reads as its message; an
		 * older free-text one has its codes put into words and is otherwise shown as written.
		 */
		String summary(String stored) {
			if (stored == null) {
				return "";
			}
			if (stored.startsWith(AuditTrail.SUMMARY_MARK)) {
				String[] parts = stored.substring(1).split("\\|", -1);
				Object[] args = new Object[parts.length - 1];
				for (int i = 1; i < parts.length; i++) {
					args[i - 1] = value(parts[i]);
				}
				return messages.getMessage("audit.summary." + parts[0], args, stored, locale);
			}
			String phrase = phrase(stored);
			return phrase != null ? phrase : codes(stored);
		}

		/**
		 * A fixed English phrase of an older writer ("account created", "visit ledger: 12 rows") read
		 * through {@code audit.phrase.<words>}, its numbers as arguments; null when none is known.
		 */
		private String phrase(String stored) {
			if (!PHRASE.matcher(stored).matches()) {
				return null;
			}
			List<Object> numbers = new ArrayList<>();
			Matcher n = NUMBER.matcher(stored);
			while (n.find()) {
				numbers.add(Long.parseLong(n.group()));
			}
			String key = NUMBER.matcher(stored).replaceAll("#").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9#]+", ".")
				.replace('#', 'n').replaceAll("^\\.|\\.$", "");
			return messages.getMessage("audit.phrase." + key, numbers.toArray(), null, locale);
		}

		String field(String name) {
			return text("audit.field." + name, name);
		}

		/** A value as read: a code in words, anything else as stored. */
		String value(String stored) {
			if (stored == null || stored.isEmpty()) {
				return "";
			}
			return codes(stored);
		}

		private String codes(String text) {
			Matcher m = CODE.matcher(text);
			StringBuilder out = new StringBuilder();
			while (m.find()) {
				m.appendReplacement(out, Matcher.quoteReplacement(code(m.group())));
			}
			m.appendTail(out);
			return out.toString();
		}

		private String code(String code) {
			for (String family : CODE_FAMILIES) {
				for (String key : List.of(family + code, family + code.toLowerCase(Locale.ROOT))) {
					String found = messages.getMessage(key, null, null, locale);
					if (found != null) {
						return found;
					}
				}
			}
			return code;
		}

		private String text(String key, String fallback) {
			return messages.getMessage(key, null, fallback, locale);
		}

	}

}

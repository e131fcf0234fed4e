package org.grassroots.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A list position travels as a token and comes back the same; anything else is refused. */
class KeysetTests {

	@Test
	void a_token_reads_back_as_the_same_position_to_the_microsecond() {
		Keyset position = new Keyset(Instant.parse("2026-03-01T08:15:30.123456789Z"), 4711);
		Keyset back = Keyset.parse(position.token());
		assertThat(back).isEqualTo(position);
		assertThat(back.at()).isEqualTo(Instant.parse("2026-03-01T08:15:30.123456Z"));
		assertThat(Keyset.parse(new Keyset(Instant.parse("1969-12-31T23:59:59Z"), 1).token()).at()).isEqualTo(Instant.parse("1969-12-31T23:59:59Z"));
	}

	@Test
	void what_is_not_a_token_is_refused() {
		for (String bad : new String[] {"", "not-a-position", "MTIz", "%%%", "MS4y' OR 1=1", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5LjE"}) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Keyset.parse(bad));
		}
	}

	@Test
	void reading_after_a_position_is_newest_first_and_before_it_oldest_first() {
		Keyset at = new Keyset(Instant.EPOCH, 9);
		Keyset.Seek after = new Keyset.Seek(at, null);
		Keyset.Seek before = new Keyset.Seek(null, at);
		assertThat(after.condition("t", "id")).isEqualTo(" AND t <= :seekAt AND (t < :seekAt OR id < :seekId)");
		assertThat(after.order("t", "id")).isEqualTo(" ORDER BY t DESC, id DESC");
		assertThat(after.backwards()).isFalse();
		assertThat(before.condition("t", "id")).isEqualTo(" AND t >= :seekAt AND (t > :seekAt OR id > :seekId)");
		assertThat(before.order("t", "id")).isEqualTo(" ORDER BY t ASC, id ASC");
		assertThat(before.backwards()).isTrue();
		assertThat(Keyset.Seek.NONE.condition("t", "id")).isEmpty();
	}

}

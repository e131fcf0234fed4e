package org.grassroots.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class IdNumberTests {

	@Test
	void accepts_a_number_whose_check_character_matches() {
		// GB 11643 example: 11010519491231002X
		assertThat(IdNumber.isValid("11010519491231002X")).isTrue();
		assertThat(IdNumber.isValid("11010519491231002x")).isTrue();
		assertThat(IdNumber.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
		assertThat(IdNumber.gender("11010519491231002X")).isEqualTo("FEMALE");
	}

	@Test
	void rejects_a_wrong_check_character_length_or_date() {
		assertThat(IdNumber.isValid("110105194912310021")).isFalse();
		assertThat(IdNumber.isValid("11010519491231002")).isFalse();
		assertThat(IdNumber.isValid("110105194913310029")).isFalse();
		assertThat(IdNumber.isValid(null)).isFalse();
	}

	@Test
	void masks_all_but_the_area_prefix_and_last_two() {
		assertThat(IdNumber.mask("11010519491231002X")).isEqualTo("1101************2X");
		assertThat(IdNumber.remask("1101**********002X")).isEqualTo("1101************2X");
		assertThat(IdNumber.remask("1101************2X")).isEqualTo("1101************2X");
		assertThat(PhoneNumber.mask("13812345678")).isEqualTo("138****5678");
		assertThat(PhoneNumber.isValid("0936-2722969")).isTrue();
		assertThat(PhoneNumber.isValid("12345")).isFalse();
	}

}

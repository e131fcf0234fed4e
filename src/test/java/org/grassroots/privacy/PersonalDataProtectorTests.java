package org.grassroots.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.grassroots.privacy.internal.KeyMaterial;
import org.junit.jupiter.api.Test;

class PersonalDataProtectorTests {

	private final PersonalDataProtector protector = new PersonalDataProtector(
			new KeyMaterial("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", ""));

	@Test
	void a_foreign_number_is_kept_as_given_encrypted_hashed_and_masked_to_a_bounded_length() {
		ProtectedValue phone = protector.protectPhoneAsGiven("+44 20 7946 0958 ext. 1234");
		assertThat(protector.reveal(phone.cipher())).isEqualTo("+442079460958ext.1234");
		assertThat(phone.hash()).isEqualTo(protector.lookupHash("+442079460958ext.1234"));
		assertThat(phone.masked()).isEqualTo("+44****1234").hasSizeLessThanOrEqualTo(20);
		assertThat(phone.cipher()).hasSizeLessThanOrEqualTo(200);
		assertThat(protector.protectPhoneAsGiven("x".repeat(PhoneNumber.AS_GIVEN_MAX)).cipher()).hasSizeLessThanOrEqualTo(200);
		assertThat(protector.protectPhoneAsGiven("号".repeat(PhoneNumber.AS_GIVEN_MAX)).cipher()).hasSizeLessThanOrEqualTo(200);
		assertThat(protector.protectPhoneAsGiven("999").masked()).isEqualTo("****");
		assertThatIllegalArgumentException().isThrownBy(() -> protector.protectPhoneAsGiven("1".repeat(PhoneNumber.AS_GIVEN_MAX + 1)));
	}

	@Test
	void a_mainland_number_given_as_is_is_protected_as_any_mainland_number_and_still_found_by_its_hash() {
		ProtectedValue asGiven = protector.protectPhoneAsGiven("139 4444 0001");
		assertThat(asGiven.masked()).isEqualTo(protector.protectPhone("13944440001").masked()).isEqualTo("139****0001");
		assertThat(asGiven.hash()).isEqualTo(protector.lookupHashOfPhone("13944440001"));
		assertThat(protector.protectPhoneAsGiven(" ").cipher()).isNull();
		// mainland validation elsewhere is unchanged
		assertThat(PhoneNumber.isValid("+442079460958")).isFalse();
	}

}

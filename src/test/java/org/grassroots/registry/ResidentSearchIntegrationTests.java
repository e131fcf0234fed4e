package org.grassroots.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;

import org.grassroots.IntegrationTestSupport;
import org.grassroots.access.CurrentUser;
import org.grassroots.access.Permission;
import org.grassroots.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** The resident search other modules pick people with (a party to a dispute): the caller's scope and nothing more. */
class ResidentSearchIntegrationTests extends IntegrationTestSupport {

	private static final String COUNTY_PATH = "/620799000000/";
	private static final String GAOMIAO_PATH = "/620799000000/620799100000/620799100201/";
	private static final String XISHANG_PATH = "/620799000000/620799200000/620799200201/";

	@Autowired
	ResidentDirectory residents;

	private static CurrentUser at(String code, String path, Permission... rights) {
		return new CurrentUser(0, "t", "t", Role.VILLAGE_CADRE, code, path, null,
				rights.length == 0 ? EnumSet.noneOf(Permission.class) : EnumSet.of(rights[0], rights));
	}

	private Map<String, Object> residentOf(String code) {
		return jdbc.sql("""
				SELECT r.id, r.name, h.address FROM registry_resident r JOIN registry_household h ON h.id = r.household_id
				WHERE r.id = :id""").param("id", residentIdIn(code)).query().singleRow();
	}

	@Test
	void a_village_finds_its_own_residents_by_name_or_household_and_never_another_villages() {
		CurrentUser gaomiao = at(GAOMIAO, GAOMIAO_PATH, Permission.REGISTRY_READ);
		CurrentUser county = at("620799000000", COUNTY_PATH, Permission.REGISTRY_READ);
		Map<String, Object> own = residentOf(GAOMIAO);
		Map<String, Object> other = residentOf(XISHANG);
		long ownId = ((Number) own.get("id")).longValue();
		long otherId = ((Number) other.get("id")).longValue();

		var byName = residents.search(gaomiao, (String) own.get("name"), GAOMIAO_PATH, 20);
		assertThat(byName).extracting(ResidentDirectory.ResidentMatch::id).contains(ownId);
		assertThat(byName.get(0).name()).isEqualTo(own.get("name"));
		var match = byName.stream().filter(m -> m.id() == ownId).findFirst().orElseThrow();
		assertThat(match.villageName()).isEqualTo("高庙村");
		assertThat(match.townshipName()).isEqualTo("清河镇");
		assertThat(match.gridName()).isNotBlank();
		assertThat(match.phoneMasked()).matches("\\d{3}\\*{4}\\d{4}");
		assertThat(match.postalAddress()).startsWith("清河镇").contains((String) own.get("address"));
		assertThat(residents.search(gaomiao, (String) own.get("address"), null, 20)).extracting(ResidentDirectory.ResidentMatch::id)
			.contains(ownId);

		// 溪上村's resident: not for 高庙村, found by the county
		assertThat(residents.search(gaomiao, (String) other.get("name"), null, 20)).extracting(ResidentDirectory.ResidentMatch::id)
			.doesNotContain(otherId);
		assertThat(residents.search(gaomiao, (String) other.get("name"), null, 20))
			.allMatch(m -> "高庙村".equals(m.villageName()));
		assertThat(residents.search(county, (String) other.get("name"), XISHANG_PATH, 20)).extracting(ResidentDirectory.ResidentMatch::id)
			.contains(otherId);
		assertThat(residents.match(gaomiao, otherId)).isEmpty();
		assertThat(residents.match(county, otherId)).isPresent();
		// those of the place asked for come first, even for a wider scope
		var near = residents.search(county, "王", XISHANG_PATH, 20);
		assertThat(near).isNotEmpty();
		assertThat(near.get(0).villageName()).isEqualTo("溪上村");
		assertThat(near.stream().map(m -> "溪上村".equals(m.villageName()) ? 0 : 1).toList()).isSorted();
	}

	@Test
	void what_is_typed_is_matched_as_text_at_most_twenty_are_answered_and_the_right_is_needed() {
		CurrentUser county = at("620799000000", COUNTY_PATH, Permission.REGISTRY_READ);
		assertThat(residents.search(county, "%", null, 20)).isEmpty();
		assertThat(residents.search(county, "_", null, 20)).isEmpty();
		assertThat(residents.search(county, "  ", null, 20)).isEmpty();
		assertThat(residents.search(county, "王", null, 500)).hasSize(ResidentDirectory.SEARCH_LIMIT);
		assertThatThrownBy(() -> residents.search(at(GAOMIAO, GAOMIAO_PATH), "王", null, 20)).isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> residents.match(at(GAOMIAO, GAOMIAO_PATH), 1)).isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void residents_who_moved_out_or_died_are_not_offered() {
		// one of the fixture's residents moves out for the test, and is put back after it
		long goneId = jdbc.sql("SELECT MAX(id) FROM registry_resident WHERE region_path LIKE :p AND status = 'PRESENT'")
			.param("p", GAOMIAO_PATH + "%").query(Long.class).single();
		String name = jdbc.sql("SELECT name FROM registry_resident WHERE id = :id").param("id", goneId).query(String.class).single();
		CurrentUser gaomiao = at(GAOMIAO, GAOMIAO_PATH, Permission.REGISTRY_READ);
		assertThat(residents.search(gaomiao, name, null, 20)).extracting(ResidentDirectory.ResidentMatch::id).contains(goneId);
		jdbc.sql("UPDATE registry_resident SET status = 'MOVED_OUT' WHERE id = :id").param("id", goneId).update();
		try {
			assertThat(residents.search(gaomiao, name, null, 20)).extracting(ResidentDirectory.ResidentMatch::id).doesNotContain(goneId);
		}
		finally {
			jdbc.sql("UPDATE registry_resident SET status = 'PRESENT' WHERE id = :id").param("id", goneId).update();
		}
	}

}

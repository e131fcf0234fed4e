package org.grassroots;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(GrassrootsApplication.class);

	@Test
	void modules_only_meet_through_their_public_api() {
		modules.verify();
	}

	@Test
	void writes_the_module_diagram() {
		new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}

}

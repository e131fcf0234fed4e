package org.grassroots;

import org.springframework.test.context.ActiveProfilesResolver;

/** "test" (H2) unless the build asks for another, e.g. -Dgrassroots.test.profile=test,postgres-test. */
public class TestProfiles implements ActiveProfilesResolver {

	@Override
	public String[] resolve(Class<?> testClass) {
		return System.getProperty("grassroots.test.profile", "test").split(",");
	}

}

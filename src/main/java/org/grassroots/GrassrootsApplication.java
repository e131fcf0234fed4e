package org.grassroots;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Grassroots (基层智治): party-building-led grassroots governance for a county and everything below it.
 * Each direct subpackage is one capability module; see the README for the module map.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GrassrootsApplication {

	public static void main(String[] args) {
		// pages show times in China Standard Time; the database keeps them with their offset
		java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(org.grassroots.shell.CountyTime.ZONE));
		SpringApplication.run(GrassrootsApplication.class, args);
	}

}

package org.grassroots.petitions.web;

import java.util.regex.Pattern;

import org.grassroots.shell.StreamedForms;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A close-out request from the petition page carries photos: its text fields are read ahead of the security filters
 * and its photos only when the page's handler asks, each checked against its limit as it streams in
 * ({@link StreamedForms}).
 */
@Configuration(proxyBeanMethods = false)
class PetitionUploads {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> petitionEvidenceUploads() {
		return StreamedForms.filter(Pattern.compile("/petitions/\\d+/request"), "/petitions/*");
	}

}

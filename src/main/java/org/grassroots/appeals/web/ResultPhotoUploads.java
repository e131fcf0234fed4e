package org.grassroots.appeals.web;

import java.util.regex.Pattern;

import org.grassroots.shell.StreamedForms;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The resolve step from the appeal page carries photos of the result: its text fields are read ahead of the security
 * filters and its photos only when the page's handler asks, each checked against its limit as it streams in
 * ({@link StreamedForms}).
 */
@Configuration(proxyBeanMethods = false)
class ResultPhotoUploads {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> appealResultUploads() {
		return StreamedForms.filter(Pattern.compile("/appeals/\\d+/resolve"), "/appeals/*");
	}

}

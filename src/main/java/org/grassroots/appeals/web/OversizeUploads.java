package org.grassroots.appeals.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.shell.StreamedForms;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Photos over the upload limit on the public appeal form (five phone photos of 8 MB each): Tomcat refuses to parse
 * such a request, and the resident used to get its bare "HTTP Status 413" page with everything typed lost. Here,
 * ahead of the security filters (the CSRF check reads a parameter, which would make Tomcat try), the form's text
 * fields are read from the body with the photos skipped unread ({@link StreamedForms}), and the request goes on as a
 * plain form without photos, marked {@link #TOO_LARGE}: the page answers the form again, 413, with a message and what was typed.
 */
@Configuration(proxyBeanMethods = false)
class OversizeUploads {

	/** Set on a public form request whose photos were dropped for their size. */
	static final String TOO_LARGE = OversizeUploads.class.getName() + ".TOO_LARGE";

	private static final Pattern PUBLIC_FORM = Pattern.compile("/q/[^/]+");

	/** How much of an oversize request is read for its fields (as much as Tomcat swallows: max-swallow-size). */
	private static final long BODY_MAX_BYTES = 64L * 1024 * 1024;

	@Bean
	FilterRegistrationBean<OversizeFilter> oversizePublicUploads(ObjectProvider<MultipartConfigElement> multipart) {
		long max = multipart.getIfAvailable(() -> new MultipartConfigElement("")).getMaxRequestSize();
		FilterRegistrationBean<OversizeFilter> registration = new FilterRegistrationBean<>(new OversizeFilter(max));
		registration.addUrlPatterns("/q/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	static final class OversizeFilter extends OncePerRequestFilter {

		private final long maxRequestSize;

		OversizeFilter(long maxRequestSize) {
			this.maxRequestSize = maxRequestSize;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (maxRequestSize > 0 && "POST".equals(request.getMethod()) && request.getContentLengthLong() > maxRequestSize
					&& request.getContentType() != null && request.getContentType().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
					&& PUBLIC_FORM.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
				HttpServletRequest typed = StreamedForms.plainForm(request, StreamedForms.textFields(request, BODY_MAX_BYTES));
				typed.setAttribute(TOO_LARGE, Boolean.TRUE);
				chain.doFilter(typed, response);
				return;
			}
			chain.doFilter(request, response);
		}

	}

}

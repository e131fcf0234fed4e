package org.grassroots.shell.internal;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Scripts, styles, images and webjars, kept by browsers: the pages link them under a URL that carries a hash of
 * their content ({@code /css/grassroots-<md5>.css}, Spring's resource chain), answered with a year's
 * {@code Cache-Control}; a release changes the hash and so the URL. The same files under their plain URL (the grid
 * worker app's service worker asks for those, and so do old bookmarks) are answered {@code no-cache}: a browser
 * revalidates them (Last-Modified, a 304) instead of keeping a stale copy for a year. Pages keep Spring Security's
 * {@code no-store}: they carry personal data.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssets {

	static final String[] PATHS = { "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon*.ico" };

	/** The content hash the resource chain puts before the extension. */
	private static final Pattern VERSIONED = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

	/**
	 * Static files have a chain of their own, ahead of the pages' one: no sign-in, no session, and no
	 * {@code Cache-Control: no-store} from Spring Security's headers (which would otherwise be written on every
	 * response that has none yet).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain staticAssetChain(HttpSecurity http) throws Exception {
		http.securityMatcher(PATHS)
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.cacheControl(cache -> cache.disable()))
			.addFilterAfter(new PlainUrlsRevalidate(), HeaderWriterFilter.class);
		return http.build();
	}

	/** A static file asked for under its plain URL is revalidated rather than kept for a year. */
	static final class PlainUrlsRevalidate extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (VERSIONED.matcher(request.getRequestURI()).find()) {
				chain.doFilter(request, response);
				return;
			}
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
			chain.doFilter(request, new HttpServletResponseWrapper(response) {
				@Override
				public void setHeader(String name, String value) {
					if (!HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
						super.setHeader(name, value);
					}
				}

				@Override
				public void addHeader(String name, String value) {
					if (!HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
						super.addHeader(name, value);
					}
				}
			});
		}

	}

	/**
	 * Links in pages get their hashed URL ({@code @{/js/grassroots.js}} in a template), except on the grid worker's
	 * phone app ({@code /m}): its service worker keeps the shell for offline use under the plain URLs it lists.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter() {
			@Override
			public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
					throws IOException, ServletException {
				HttpServletRequest http = (HttpServletRequest) request;
				if (http.getRequestURI().equals(http.getContextPath() + "/m")) {
					chain.doFilter(request, response);
				}
				else {
					super.doFilter(request, response, chain);
				}
			}
		});
		registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
		return registration;
	}

}

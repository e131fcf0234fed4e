package org.grassroots.access.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.context.ApplicationEventPublisher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens,
			org.springframework.security.web.csrf.CsrfTokenRepository formTokens,
			@org.springframework.beans.factory.annotation.Value("${grassroots.security.open-metrics:false}") boolean openMetrics,
			@org.springframework.beans.factory.annotation.Value("${grassroots.security.open-api-docs:false}") boolean openApiDocs)
			throws Exception {
		// metrics and the API description say much about the installation: signed-in (or a token) unless opened by setting
		String[] metrics = { "/actuator/prometheus", "/actuator/info" };
		String[] apiDocs = { "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html" };
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/img/**", "/webjars/**", "/sw.js", "/manifest.webmanifest").permitAll()
			// the public appeal page behind the QR codes, and tracking by code
			.requestMatchers("/q/**", "/t", "/t/**", "/open311/**").permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
			.requestMatchers(metrics).access((auth, context) -> new org.springframework.security.authorization.AuthorizationDecision(
					openMetrics || isSignedIn(auth.get())))
			.requestMatchers(apiDocs).access((auth, context) -> new org.springframework.security.authorization.AuthorizationDecision(
					openApiDocs || isSignedIn(auth.get())))
			.anyRequest().authenticated())
			// one answer for a wrong password, an unknown name and a locked account: none tells whether a name exists
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
				.failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath() + "/login?error"))
				.permitAll())
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			// Open311 clients authenticate with an api_key, not a session
			.csrf(csrf -> csrf.csrfTokenRepository(formTokens)
				.ignoringRequestMatchers(ApiTokenFilter::carriesToken, PathPatternRequestMatcher.withDefaults().matcher("/open311/**")))
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
					PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
				// pages send the person to the sign-in page, whatever their Accept header says
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
							+ "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy(
						"geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()")))
			.addFilterBefore(new ApiTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new PasswordChangeRequiredFilter(), BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * Where the form token is kept. A resident scanning a QR code or tracking an appeal is anonymous: their token goes
	 * in a cookie (SameSite=Lax, HTTP only, the path's own), so that an anonymous read creates no session row in the
	 * database. Everyone else keeps it in their session, as before.
	 */
	static final class PublicPagesInCookies implements org.springframework.security.web.csrf.CsrfTokenRepository {

		private static final org.springframework.security.web.util.matcher.RequestMatcher PUBLIC = new org.springframework.security.web.util.matcher.OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher("/q/**"), PathPatternRequestMatcher.withDefaults().matcher("/t"),
				PathPatternRequestMatcher.withDefaults().matcher("/t/**"));

		private final org.springframework.security.web.csrf.CookieCsrfTokenRepository cookies = new org.springframework.security.web.csrf.CookieCsrfTokenRepository();

		private final org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository sessions = new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository();

		PublicPagesInCookies() {
			cookies.setCookieName("grassroots-form");
			cookies.setCookiePath("/");
			cookies.setCookieCustomizer(cookie -> cookie.sameSite("Lax").httpOnly(true));
		}

		private org.springframework.security.web.csrf.CsrfTokenRepository of(jakarta.servlet.http.HttpServletRequest request) {
			return PUBLIC.matches(request) ? cookies : sessions;
		}

		@Override
		public org.springframework.security.web.csrf.CsrfToken generateToken(jakarta.servlet.http.HttpServletRequest request) {
			return of(request).generateToken(request);
		}

		@Override
		public void saveToken(org.springframework.security.web.csrf.CsrfToken token, jakarta.servlet.http.HttpServletRequest request,
				jakarta.servlet.http.HttpServletResponse response) {
			of(request).saveToken(token, request, response);
		}

		@Override
		public org.springframework.security.web.csrf.CsrfToken loadToken(jakarta.servlet.http.HttpServletRequest request) {
			return of(request).loadToken(request);
		}

	}

	@Bean
	org.springframework.security.web.csrf.CsrfTokenRepository formTokens() {
		return new PublicPagesInCookies();
	}

	private static boolean isSignedIn(org.springframework.security.core.Authentication auth) {
		return auth != null && auth.isAuthenticated()
				&& !(auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
	}

	/**
	 * The firewall with its default rules, checked without regular expressions (see {@link FirewallCharacters}).
	 */
	@Bean
	org.springframework.security.web.firewall.HttpFirewall httpFirewall() {
		var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::assignedAndNotControl);
		firewall.setAllowedHeaderValues(FirewallCharacters::headerValue);
		firewall.setAllowedParameterNames(FirewallCharacters::assignedAndNotControl);
		return firewall;
	}

	/**
	 * A request the firewall refuses (an encoded slash, a control character) is the client's: 400 as a problem
	 * detail, logged at DEBUG without a stack trace. Without this it escapes the filter chain and Tomcat logs it at
	 * ERROR with a stack trace, for anyone who sends one.
	 */
	@Bean
	org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(
			org.springframework.context.MessageSource messages) {
		org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(org.springframework.security.web.firewall.RequestRejectedHandler.class);
		return (request, response, ex) -> {
			log.debug("Request rejected: {}", ex.getMessage());
			java.util.Locale locale = request.getLocale() != null && "en".equals(request.getLocale().getLanguage())
					? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE;
			String title = messages.getMessage("error.request.title", null, "Bad request", locale);
			String detail = messages.getMessage("error.request", null, "Bad request", locale);
			response.setStatus(400);
			response.setContentType("application/problem+json;charset=UTF-8");
			response.getWriter().write("{\"type\":\"https://grassroots.example/problems/request\",\"title\":\"" + title
					+ "\",\"status\":400,\"detail\":\"" + detail + "\"}");
		};
	}

	/**
	 * No observation around each security filter: with an observation registry present (the actuator's), Spring
	 * Security wraps every filter of the chain in one, on every request, even when the observations are switched off
	 * by name; the HTTP request metrics stay.
	 */
	@Bean
	org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
		return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
	}

	/**
	 * The password check. Each attempt is counted before its password is checked, and one beyond the limit comes back
	 * locked, so its password is never checked ({@link LoginAttempts#charge}); the signed-in principal (kept in the
	 * database-stored session) no longer carries the password hash.
	 */
	@Bean
	org.springframework.security.authentication.dao.DaoAuthenticationProvider authenticationProvider(
			AccountDetailsService details, PasswordEncoder encoder, LoginAttempts attempts) {
		org.springframework.security.core.userdetails.UserDetailsService counted = username -> {
			var user = (AccountPrincipal) details.loadUserByUsername(username);
			return attempts.charge(user.getUsername()) ? user : user.asLocked();
		};
		var provider = new org.springframework.security.authentication.dao.DaoAuthenticationProvider(counted) {
			@Override
			protected org.springframework.security.core.Authentication createSuccessAuthentication(Object principal,
					org.springframework.security.core.Authentication authentication,
					org.springframework.security.core.userdetails.UserDetails user) {
				AccountPrincipal signedIn = ((AccountPrincipal) user).withoutPassword();
				return super.createSuccessAuthentication(signedIn, authentication, signedIn);
			}
		};
		provider.setPasswordEncoder(encoder);
		return provider;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt by default, with the algorithm id kept in the hash so that it can be upgraded later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		return new DefaultAuthenticationEventPublisher(publisher);
	}

}

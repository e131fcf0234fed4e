package org.grassroots.shell.internal;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.shell.PublicPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language a page is shown in: the one the person chose with {@code ?lang=en} or {@code ?lang=zh_CN} (kept in a
 * cookie, so any app node knows it); without a choice, a resident's page ({@link PublicPage}) is in the county's
 * language ({@code grassroots.public-locale}, zh-CN by default) — a villager's phone set to English is no sign that
 * they read English — and a staff page is in English when the browser prefers it, zh-CN otherwise.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration implements WebMvcConfigurer {

	static final String COOKIE = "grassroots-lang";

	@Bean
	LocaleResolver localeResolver(@Value("${grassroots.public-locale:zh-CN}") Locale publicLocale) {
		return new VisitorLocales(publicLocale);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	/**
	 * The choice lives in the cookie; the default depends on the page, so it is decided when the locale is asked for
	 * (a plain {@link LocaleResolver} is asked lazily, by then the handler is known) rather than when the request comes
	 * in, as a {@link CookieLocaleResolver} alone would.
	 */
	static final class VisitorLocales implements LocaleResolver {

		/** What the cookie resolver answers when no choice was made. */
		private static final Locale NOT_CHOSEN = Locale.ROOT;

		private final CookieLocaleResolver chosen = new CookieLocaleResolver(COOKIE);

		private final Locale publicLocale;

		VisitorLocales(Locale publicLocale) {
			this.publicLocale = publicLocale;
			this.chosen.setCookieMaxAge(Duration.ofDays(365));
			this.chosen.setDefaultLocaleFunction(request -> NOT_CHOSEN);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			Locale choice = this.chosen.resolveLocale(request);
			if (!NOT_CHOSEN.equals(choice)) {
				return choice;
			}
			return isPublicPage(request) ? this.publicLocale : browserPreference(request);
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			this.chosen.setLocale(request, response, locale);
		}

		private static boolean isPublicPage(HttpServletRequest request) {
			return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
					&& (handler.hasMethodAnnotation(PublicPage.class)
							|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicPage.class));
		}

		private static Locale browserPreference(HttpServletRequest request) {
			String header = request.getHeader("Accept-Language");
			if (header != null && !header.isBlank() && request.getLocale().getLanguage().equals("en")) {
				return Locale.ENGLISH;
			}
			return Locale.SIMPLIFIED_CHINESE;
		}

	}

}

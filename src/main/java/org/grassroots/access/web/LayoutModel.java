package org.grassroots.access.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.grassroots.access.CurrentUsers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * Every page's layout knows who is signed in ({@code me}), to show their name and the navigation they may use.
 * Added after the handler and only when it renders a view: an API call, which renders none, pays nothing for it
 * (as a {@code @ModelAttribute} of a controller advice it was looked up, through Spring MVC's model machinery,
 * for every JSON request too — about 4% of the server threads' CPU samples in the intake benchmark).
 */
@Configuration(proxyBeanMethods = false)
class LayoutModel implements WebMvcConfigurer {

	private final CurrentUsers users;

	LayoutModel(CurrentUsers users) {
		this.users = users;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView view) {
				if (view != null && !(view.getViewName() != null && view.getViewName().startsWith(UrlBasedViewResolver.REDIRECT_URL_PREFIX))) {
					view.addObject("me", users.find().orElse(null));
					// the page the navigation marks as the current one
					view.addObject("here", request.getRequestURI().substring(request.getContextPath().length()));
				}
			}

		});
	}

}

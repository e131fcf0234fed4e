package org.grassroots.shell.internal;

import java.util.List;

import org.grassroots.shell.ListQuery;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A list handler's {@link ListQuery} argument, read from its request and put in its model (as {@code @ModelAttribute}
 * puts the filter there). Only handlers that ask for one pay for it.
 */
@Configuration(proxyBeanMethods = false)
class ListQueries implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return ListQuery.class.equals(parameter.getParameterType());
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
					WebDataBinderFactory binders) {
				// htmx asks for the whole page, with HX-Request too, when it restores a history entry it no longer holds
				boolean inPlace = request.getHeader("HX-Request") != null && request.getHeader("HX-History-Restore-Request") == null;
				ListQuery query = ListQuery.of(request.getParameterMap(), inPlace);
				if (container != null) {
					container.addAttribute(ListQuery.MODEL_NAME, query);
				}
				return query;
			}

		});
	}

}

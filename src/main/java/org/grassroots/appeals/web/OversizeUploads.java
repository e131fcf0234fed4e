package org.grassroots.appeals.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Photos over the upload limit on the public appeal form (five phone photos of 8 MB each): Tomcat refuses to parse
 * such a request, and the resident used to get its bare "HTTP Status 413" page with everything typed lost. Here,
 * ahead of the security filters (the CSRF check reads a parameter, which would make Tomcat try), the form's text
 * fields are read from the body with the photos skipped unread, and the request goes on as a plain form without
 * photos, marked {@link #TOO_LARGE}: the page answers the form again, 413, with a message and what was typed.
 */
@Configuration(proxyBeanMethods = false)
class OversizeUploads {

	/** Set on a public form request whose photos were dropped for their size. */
	static final String TOO_LARGE = OversizeUploads.class.getName() + ".TOO_LARGE";

	private static final Pattern PUBLIC_FORM = Pattern.compile("/q/[^/]+");

	/** More than a text field of the form can hold (4,000 characters of UTF-8). */
	private static final int FIELD_MAX_BYTES = 16 * 1024;

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
				TextFieldsOnly typed = new TextFieldsOnly(request, textFields(request));
				typed.setAttribute(TOO_LARGE, Boolean.TRUE);
				chain.doFilter(typed, response);
				return;
			}
			chain.doFilter(request, response);
		}

	}

	/** The form's text fields, as far as the body can be read; the photos are skipped. */
	private static Map<String, String[]> textFields(HttpServletRequest request) {
		Map<String, String[]> fields = new LinkedHashMap<>();
		FileUpload upload = new FileUpload();
		upload.setSizeMax(BODY_MAX_BYTES);
		try {
			FileItemIterator items = upload.getItemIterator(new ServletRequestContext(request));
			while (items.hasNext()) {
				FileItemStream item = items.next();
				if (item.isFormField() && !fields.containsKey(item.getFieldName())) {
					try (InputStream in = item.openStream()) {
						fields.put(item.getFieldName(),
								new String[] { new String(in.readNBytes(FIELD_MAX_BYTES), StandardCharsets.UTF_8) });
					}
				}
			}
		}
		catch (IOException | RuntimeException unreadable) {
			// what was read so far comes back; the rest has to be typed again
		}
		return fields;
	}

	/** The request as a plain form of its text fields: no body left to read, no parts. */
	private static final class TextFieldsOnly extends HttpServletRequestWrapper {

		private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

		private final Map<String, String[]> fields;

		TextFieldsOnly(HttpServletRequest request, Map<String, String[]> fields) {
			super(request);
			this.fields = Collections.unmodifiableMap(fields);
		}

		@Override
		public String getContentType() {
			return FORM;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? FORM : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(FORM)) : super.getHeaders(name);
		}

		@Override
		public int getContentLength() {
			return 0;
		}

		@Override
		public long getContentLengthLong() {
			return 0;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream empty = new ByteArrayInputStream(new byte[0]);
			return new ServletInputStream() {
				@Override
				public int read() {
					return empty.read();
				}

				@Override
				public boolean isFinished() {
					return true;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public String getParameter(String name) {
			String[] values = fields.get(name);
			return values == null ? null : values[0];
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return fields;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(fields.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return fields.get(name);
		}

		@Override
		public Collection<Part> getParts() {
			return List.of();
		}

		@Override
		public Part getPart(String name) {
			return null;
		}

	}

}

package org.grassroots.shell;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
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
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page's form that carries photos, read as it streams in rather than parsed whole by the servlet container first.
 * <p>
 * Ahead of the security filters, {@link #filter} reads the form's text fields up to its first file (a page lists the
 * photos last) and hands the request on as a plain form of those fields: the CSRF check and the handler's binding read
 * them, and nothing has read the photos yet. Only when the handler asks ({@link #files}), after sign-in and rights were
 * checked, are the photos read, each counted as its bytes arrive and refused as soon as it passes its limit, or when one
 * too many comes — never read whole to be measured afterwards. A refused upload leaves the text fields bound, so the
 * page can answer with what was typed.
 * <p>
 * {@link #textFields} and {@link #plainForm} are the same reading for a request that is to go on without its files
 * (the public appeal form over the container's limits).
 */
public final class StreamedForms {

	/** More than any text field of a form holds (4,000 characters of UTF-8). */
	public static final int FIELD_MAX_BYTES = 16 * 1024;

	/** More fields than any of these forms has. */
	private static final int FIELDS_MAX = 64;

	private static final String PENDING = StreamedForms.class.getName() + ".PENDING";

	private StreamedForms() {
	}

	/** What a form's files may be: the field they come in, how many, and how large each before it is cleaned. */
	public record Limits(String field, int maxFiles, int maxBytesEach) {
	}

	/** Why the files were refused. */
	public enum Problem {
		/** More files than {@link Limits#maxFiles()}. */
		TOO_MANY,
		/** One file larger than {@link Limits#maxBytesEach()}; {@link Files#number()} says which (from 1). */
		TOO_LARGE,
		/** The body broke off or was not a multipart form. */
		UNREADABLE
	}

	/** The files sent (empty ones skipped), or the problem that stopped the reading. */
	public record Files(List<byte[]> contents, Problem problem, int number) {

		static final Files NONE = new Files(List.of(), null, 0);

		public boolean refused() {
			return problem != null;
		}

	}

	/**
	 * The filter for the form posts whose path matches {@code paths} (under the servlet {@code urlPatterns}), placed
	 * before the security filters; register it as a bean.
	 */
	public static FilterRegistrationBean<OncePerRequestFilter> filter(Pattern paths, String... urlPatterns) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new FieldsFirst(paths));
		registration.addUrlPatterns(urlPatterns);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	/**
	 * The files of a request that came through {@link #filter}, read now under {@code limits}; none when the request was
	 * not a multipart form (a plain form post has no files).
	 */
	public static Files files(HttpServletRequest request, Limits limits) {
		Object pending = request.getAttribute(PENDING);
		if (!(pending instanceof Pending p)) {
			return Files.NONE;
		}
		request.removeAttribute(PENDING);
		List<byte[]> contents = new ArrayList<>();
		try {
			FileItemStream item = p.firstFile;
			while (item != null) {
				if (!item.isFormField()) {
					if (!limits.field().equals(item.getFieldName())) {
						// not a file this form takes: nothing after it is read
						break;
					}
					if (item.getName() != null && !item.getName().isEmpty()) {
						try (InputStream in = item.openStream()) {
							byte[] bytes = in.readNBytes(limits.maxBytesEach() + 1);
							if (bytes.length > limits.maxBytesEach()) {
								return new Files(List.of(), Problem.TOO_LARGE, contents.size() + 1);
							}
							if (bytes.length > 0) {
								if (contents.size() == limits.maxFiles()) {
									return new Files(List.of(), Problem.TOO_MANY, contents.size() + 1);
								}
								contents.add(bytes);
							}
						}
					}
				}
				item = p.items.hasNext() ? p.items.next() : null;
			}
		}
		catch (IOException | RuntimeException broken) {
			return new Files(List.of(), Problem.UNREADABLE, contents.size() + 1);
		}
		return new Files(List.copyOf(contents), null, contents.size());
	}

	/** A multipart form's text fields, as far as the body can be read (up to {@code bodyMaxBytes}); its files skipped unread. */
	public static Map<String, String[]> textFields(HttpServletRequest request, long bodyMaxBytes) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		FileUpload upload = new FileUpload();
		upload.setSizeMax(bodyMaxBytes);
		try {
			FileItemIterator items = upload.getItemIterator(new ServletRequestContext(request));
			while (items.hasNext()) {
				FileItemStream item = items.next();
				if (item.isFormField()) {
					add(fields, item);
				}
			}
		}
		catch (IOException | RuntimeException unreadable) {
			// what was read so far comes back; the rest has to be typed again
		}
		return asArrays(fields);
	}

	/** The request as a plain form of {@code fields} (with its query string's): no body left to read, no parts. */
	public static HttpServletRequest plainForm(HttpServletRequest request, Map<String, String[]> fields) {
		return new PlainForm(request, fields);
	}

	private static void add(Map<String, List<String>> fields, FileItemStream item) throws IOException {
		if (fields.values().stream().mapToInt(List::size).sum() >= FIELDS_MAX) {
			return;
		}
		try (InputStream in = item.openStream()) {
			fields.computeIfAbsent(item.getFieldName(), name -> new ArrayList<>())
				.add(new String(in.readNBytes(FIELD_MAX_BYTES), StandardCharsets.UTF_8));
		}
	}

	private static Map<String, String[]> asArrays(Map<String, List<String>> fields) {
		Map<String, String[]> arrays = new LinkedHashMap<>();
		fields.forEach((name, values) -> arrays.put(name, values.toArray(String[]::new)));
		return arrays;
	}

	/** The iteration over the body, stopped at the first file: the rest is read by {@link #files}. */
	private record Pending(FileItemIterator items, FileItemStream firstFile) {
	}

	private static final class FieldsFirst extends OncePerRequestFilter {

		private final Pattern paths;

		FieldsFirst(Pattern paths) {
			this.paths = paths;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String contentType = request.getContentType();
			if (!"POST".equals(request.getMethod()) || contentType == null
					|| !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
					|| !paths.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
				chain.doFilter(request, response);
				return;
			}
			Map<String, List<String>> fields = new LinkedHashMap<>();
			FileItemStream firstFile = null;
			FileItemIterator items = null;
			try {
				FileUpload upload = new FileUpload();
				upload.setHeaderEncoding(StandardCharsets.UTF_8.name());
				items = upload.getItemIterator(new ServletRequestContext(request));
				while (items.hasNext()) {
					FileItemStream item = items.next();
					if (!item.isFormField()) {
						firstFile = item;
						break;
					}
					add(fields, item);
				}
			}
			catch (IOException | RuntimeException unreadable) {
				// the fields read so far go on; the files count as unreadable
				items = null;
			}
			HttpServletRequest form = plainForm(request, asArrays(fields));
			if (items != null && firstFile != null) {
				form.setAttribute(PENDING, new Pending(items, firstFile));
			}
			chain.doFilter(form, response);
		}

	}

	/** A request whose body was read as form fields: those are its parameters, with the query string's. */
	private static final class PlainForm extends HttpServletRequestWrapper {

		private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

		private final Map<String, String[]> fields;

		PlainForm(HttpServletRequest request, Map<String, String[]> body) {
			super(request);
			Map<String, String[]> all = new LinkedHashMap<>(query(request.getQueryString()));
			body.forEach((name, values) -> all.merge(name, values, (a, b) -> {
				String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
				System.arraycopy(b, 0, both, a.length, b.length);
				return both;
			}));
			this.fields = Collections.unmodifiableMap(all);
		}

		private static Map<String, String[]> query(String query) {
			Map<String, List<String>> params = new LinkedHashMap<>();
			if (query != null) {
				for (String pair : query.split("&")) {
					if (pair.isEmpty()) {
						continue;
					}
					int eq = pair.indexOf('=');
					String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
					String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
					params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
				}
			}
			return asArrays(params);
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

package org.grassroots.shell;

/**
 * Which failures mean "the request itself cannot be read" — a form body or query with broken percent-encoding, a
 * multipart body without its boundary or cut short, more parameters or parts than the container takes. The servlet
 * container meets these when someone first reads a parameter (the CSRF check, a locale switch, a handler's binding),
 * wherever that is; they are the client's fault: a 400, logged at DEBUG, never a 500 nor an ERROR with a stack trace
 * that anyone on the internet could fill the log with.
 */
public final class MalformedRequests {

	private MalformedRequests() {
	}

	/** True when {@code failure}, or anything it was caused by, is the container refusing to read the request. */
	public static boolean isMalformed(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String name = t.getClass().getName();
			// by name: the container's own types, without tying the application's code to Tomcat
			if (name.equals("org.apache.tomcat.util.http.InvalidParameterException")
					|| name.startsWith("org.apache.tomcat.util.http.fileupload.")
					|| name.equals("org.apache.tomcat.util.buf.UDecoder$DecodeException")) {
				return true;
			}
		}
		return false;
	}

	/** The innermost cause, named with its message, for a one-line log. */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}

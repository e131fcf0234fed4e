package org.grassroots.appeals.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address printed in a village's QR code: where a resident's phone opens the appeal form. It is the configured
 * public address ({@code grassroots.public-base-url}) when there is one, and then never the request's {@code Host}
 * header, which a client chooses freely. Without it the address the cadre used to reach this server is all there
 * is: printed when phones on the internet can open it; printed with a warning when only a local network can (a
 * township's or a village office's own network is a real deployment, where that address is the right one); and
 * refused when no phone can ever open it (this machine itself, an unspecified or a link-local address).
 *
 * @param base the address up to the application's context path, without a trailing slash; {@code null} when refused
 * @param host the host the cadre used, for the message; {@code null} when configured
 */
record PosterAddress(Reach reach, String base, String host) {

	/** How far a printed address reaches. */
	enum Reach {

		/** Set by the operator: printed as it is. */
		CONFIGURED,
		/** Taken from the request, and phones on the internet can open it. */
		PUBLIC,
		/** Taken from the request, and only phones on the same local network can open it: printed with a warning. */
		LOCAL_NETWORK,
		/** Taken from the request, and no phone can open it: not printed. */
		UNREACHABLE

	}

	private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	/** Host names that never leave a local network (RFC 6762 .local, RFC 8375 .home.arpa and the usual private ones). */
	private static final Pattern LOCAL_NAMES = Pattern.compile(".*\\.(local|lan|internal|intranet|home\\.arpa|corp)");

	boolean printable() {
		return this.reach != Reach.UNREACHABLE;
	}

	/** The form of a village or grid, or {@code null} when refused. */
	String intakeUrl(String regionCode) {
		return printable() ? this.base + "/q/" + regionCode : null;
	}

	/**
	 * The configured address, checked once at start: an absolute http or https address with a host, so that a
	 * setting such as {@code grassroots.example.org} (no scheme) stops the start with a message instead of printing
	 * a code that opens nothing.
	 */
	static String configured(String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String base = value.strip().replaceAll("/+$", "");
		try {
			URI uri = new URI(base);
			if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
					|| uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new URISyntaxException(value, "not an absolute http(s) address without query or fragment");
			}
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException("grassroots.public-base-url (GRASSROOTS_PUBLIC_BASE_URL) must be the address residents'"
					+ " phones open, such as https://grassroots.example.gov.cn; it is \"" + value + "\"", e);
		}
		return base;
	}

	static PosterAddress of(String configuredBase, HttpServletRequest request) {
		if (configuredBase != null) {
			return new PosterAddress(Reach.CONFIGURED, configuredBase, null);
		}
		var here = ServletUriComponentsBuilder.fromContextPath(request).build();
		String host = here.getHost() == null ? "" : here.getHost();
		Reach reach = reachOf(host);
		return new PosterAddress(reach, reach == Reach.UNREACHABLE ? null : here.toUriString(), host);
	}

	/** How far an address with this host reaches, judged from its text alone: no name is looked up. */
	static Reach reachOf(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.isEmpty() || name.equals("localhost") || name.endsWith(".localhost")) {
			return Reach.UNREACHABLE;
		}
		if (name.contains(":")) {
			// an IPv6 literal, parsed as such (hex digits, colons, an embedded IPv4 address, a zone): never looked up
			return name.matches("[0-9a-f:.%]+") ? literal(name) : Reach.UNREACHABLE;
		}
		if (DOTTED_QUAD.matcher(name).matches()) {
			return literal(name);
		}
		if (name.matches("[0-9.]+") || name.startsWith("0x")) {
			// 127.1, 2130706433 and the like: numbers that are not an address a phone would be given
			return Reach.UNREACHABLE;
		}
		if (!name.contains(".") || LOCAL_NAMES.matcher(name).matches()) {
			return Reach.LOCAL_NETWORK;
		}
		return Reach.PUBLIC;
	}

	private static Reach literal(String address) {
		InetAddress ip;
		try {
			if (address.contains(":")) {
				ip = InetAddress.getByName(address);
			}
			else {
				String[] parts = address.split("\\.");
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int part = Integer.parseInt(parts[i]);
					if (part > 255) {
						return Reach.UNREACHABLE;
					}
					bytes[i] = (byte) part;
				}
				ip = InetAddress.getByAddress(bytes);
			}
		}
		catch (UnknownHostException e) {
			return Reach.UNREACHABLE;
		}
		if (ip.isLoopbackAddress() || ip.isAnyLocalAddress() || ip.isLinkLocalAddress() || ip.isMulticastAddress()) {
			return Reach.UNREACHABLE;
		}
		byte[] b = ip.getAddress();
		boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
		boolean sharedV4 = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
		if (ip.isSiteLocalAddress() || uniqueLocalV6 || sharedV4) {
			return Reach.LOCAL_NETWORK;
		}
		if (b.length == 4 && (b[0] & 0xff) == 0) {
			return Reach.UNREACHABLE;
		}
		return Reach.PUBLIC;
	}

}

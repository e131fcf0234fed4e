package org.grassroots.fieldwork.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The version of the phone app's offline shell: a digest of the static files and of the web jars' versions
 * this release serves. The service worker is registered with it ({@code sw.js?v=…}) and names its cache after
 * it, so that a release that changes any script or style installs a new worker, whose cache replaces the old
 * one; an unchanged release keeps the phone's cache.
 */
@Component
class PhoneShellVersion {

	private final String version;

	PhoneShellVersion() {
		this.version = digest(new PathMatchingResourcePatternResolver(PhoneShellVersion.class.getClassLoader()));
	}

	String version() {
		return version;
	}

	static String digest(PathMatchingResourcePatternResolver resolver) {
		try {
			List<Resource> files = new ArrayList<>();
			for (String pattern : List.of("classpath*:static/**/*.*", "classpath*:META-INF/maven/org.webjars*/*/pom.properties")) {
				for (Resource r : resolver.getResources(pattern)) {
					if (r.isReadable()) {
						files.add(r);
					}
				}
			}
			files.sort(Comparator.comparing(PhoneShellVersion::name));
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[8192];
			for (Resource r : files) {
				sha.update(name(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
				try (InputStream in = r.getInputStream()) {
					for (int n; (n = in.read(buffer)) > 0;) {
						sha.update(buffer, 0, n);
					}
				}
			}
			return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The path inside its jar or directory, so that the digest does not depend on where the application is installed. */
	private static String name(Resource r) {
		try {
			String url = r.getURL().toString();
			int at = Math.max(url.lastIndexOf("/static/"), url.lastIndexOf("/META-INF/"));
			return at >= 0 ? url.substring(at) : url;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

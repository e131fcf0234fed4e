package org.grassroots.fieldwork.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The offline shell's version follows the static files: the same files give the same version, one changed byte a new one. */
class PhoneShellVersionTests {

	private static Path release(Path root, String css) throws IOException {
		Files.createDirectories(root.resolve("static/css"));
		Files.createDirectories(root.resolve("static/js"));
		Files.writeString(root.resolve("static/css/grassroots.css"), css);
		Files.writeString(root.resolve("static/js/fieldwork-app.js"), "var a = 1;");
		return root;
	}

	private static String version(Path root) throws IOException {
		// a loader that sees only this release, not the application's own classpath
		try (URLClassLoader loader = new URLClassLoader(new URL[] { root.toUri().toURL() }, null)) {
			return PhoneShellVersion.digest(new PathMatchingResourcePatternResolver(loader));
		}
	}

	@Test
	void same_files_same_version_and_a_changed_style_a_new_one(@TempDir Path dir) throws IOException {
		String one = version(release(dir.resolve("one"), ".btn-party { color: #b7181d; }"));
		String same = version(release(dir.resolve("same"), ".btn-party { color: #b7181d; }"));
		String changed = version(release(dir.resolve("changed"), ".btn-party { color: #b7181e; }"));
		assertThat(one).matches("[0-9a-f]{12}").isEqualTo(same).isNotEqualTo(changed);
	}

	@Test
	void the_application_has_a_version() {
		assertThat(new PhoneShellVersion().version()).matches("[0-9a-f]{12}");
	}

}

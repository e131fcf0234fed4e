package org.grassroots.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.function.Function;

/** A secret key kept in a file of its own (base64 of 32 random bytes, readable by its owner only), made on first use. */
public final class KeyFiles {

	private KeyFiles() {
	}

	/**
	 * The key in {@code file}, read with {@code decode}; when there is no such file, a new random key written there
	 * (mode 0600 where the file system has modes), after which {@code created} is told where.
	 */
	public static byte[] loadOrCreate(Path file, Function<String, byte[]> decode, Consumer<Path> created, String what) {
		try {
			if (Files.exists(file)) {
				return decode.apply(Files.readString(file));
			}
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(key));
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ignored) {
				// not a POSIX file system; the file stays with default permissions
			}
			created.accept(file.toAbsolutePath());
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the " + what + " file " + file, ex);
		}
	}

}

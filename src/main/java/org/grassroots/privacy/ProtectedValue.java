package org.grassroots.privacy;

/**
 * A personal value as it is stored: the ciphertext, a keyed hash for exact lookup, and the masked
 * form shown in lists and pages.
 */
public record ProtectedValue(String cipher, String hash, String masked) {
}

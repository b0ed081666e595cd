package io.inetty.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A bearer token, kept as its SHA-256 digest only, and compared in constant time ({@link MessageDigest#isEqual} of two
 * digests of the same length, whatever the length of what a client sends).
 */
final class Token {
    private static final int MAX_FILE = 4096;

    private final byte[] digest;

    private Token(byte[] digest) {
        this.digest = digest;
    }

    /** {@code text} without surrounding white space; printable ASCII without spaces, else a message naming it. */
    static Token of(String text) {
        String t = requireNonNull(text, "token").strip();
        if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("token: " + (t.isEmpty() ? "empty" : "has spaces, control or"
                    + " non-ASCII characters") + " (expected: printable ASCII without spaces)");
        }
        return new Token(sha256(t));
    }

    /** The token in {@code file} (at most 4 KiB); a message naming {@code tokenFile} and the file otherwise. */
    static Token read(Path file) {
        requireNonNull(file, "file");
        String text;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException("tokenFile: " + file + " is larger than 4 KiB (expected: a token)");
            }
            text = Files.readString(file, UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("tokenFile: cannot read " + file + ": " + e);
        }
        try {
            return of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenFile: " + file + ": " + e.getMessage());
        }
    }

    /** Whether an {@code Authorization} header is {@code Bearer <this token>} (the scheme in any case). */
    boolean authorizes(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(7).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

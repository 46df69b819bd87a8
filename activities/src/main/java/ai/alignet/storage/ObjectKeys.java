package ai.alignet.storage;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Which object keys the store accepts. Keys are built from user input (workflow ids, run and student
 * names), so a key must not be able to climb out of its prefix or address something odd: relative,
 * '/'-separated segments of letters, digits, '.', '_' and '-', no empty, '.' or '..' segment.
 */
public final class ObjectKeys {

    /** S3's own limit is 1024 bytes; keep room for the store's tmp/&lt;uuid&gt;/ staging prefix. */
    public static final int MAX_LENGTH = 900;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private ObjectKeys() {}

    /** A key for one object: non-blank, relative, safe segments only. */
    public static String requireObjectKey(String key) {
        check(key, false);
        return key;
    }

    /** A prefix to list under: like an object key, but may be empty or end with '/'. */
    public static String requirePrefix(String prefix) {
        if (prefix != null && prefix.isEmpty()) {
            return prefix;
        }
        check(prefix, true);
        return prefix;
    }

    private static void check(String key, boolean prefix) {
        if (key == null || key.isBlank()) {
            throw new InvalidKeyException(key, "it is blank");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw new InvalidKeyException(key, "it is longer than " + MAX_LENGTH + " bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException(key, "it is absolute (starts with '/')");
        }
        String body = prefix && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidKeyException(key, "it has an empty segment ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException(key, "it has a '" + segment + "' segment, which could leave its prefix");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InvalidKeyException(key, "segment '" + segment + "' has characters other than letters, digits,"
                        + " '.', '_' and '-'");
            }
        }
    }

    /** A key that breaks {@link ObjectKeys}' rules; never worth a retry. */
    public static final class InvalidKeyException extends IllegalArgumentException {
        InvalidKeyException(String key, String problem) {
            super("object key '" + abbreviate(key) + "' is not allowed: " + problem + "; use run and student names of"
                    + " letters, digits and '-'");
        }

        private static String abbreviate(String key) {
            return key == null ? "null" : key.length() > 120 ? key.substring(0, 120) + "…" : key;
        }
    }
}

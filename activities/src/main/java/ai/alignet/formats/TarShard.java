package ai.alignet.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WebDataset-style tar shards: plain POSIX (ustar) tar files whose members share a key per sample
 * ({@code 000001.png}, {@code 000001.cls}). Written and read here without a dependency because the
 * format is small and we want exact control over errors on truncated input.
 */
public final class TarShard {

    private static final int BLOCK = 512;

    /** One member of a tar shard. */
    public record Member(String name, byte[] data) {}

    private TarShard() {}

    public static byte[] write(List<Member> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Member m : members) {
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > 99) {
                throw new IllegalArgumentException("tar member name longer than 99 bytes: " + m.name());
            }
            byte[] header = new byte[BLOCK];
            System.arraycopy(name, 0, header, 0, name.length);
            octal(header, 100, 8, 0644);
            octal(header, 108, 8, 0);
            octal(header, 116, 8, 0);
            octal(header, 124, 12, m.data().length);
            octal(header, 136, 12, 0); // fixed mtime: shards are byte-identical for the same content
            header[156] = '0';
            System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
            header[263] = '0';
            header[264] = '0';
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            octal(header, 148, 7, sum);
            out.writeBytes(header);
            out.writeBytes(m.data());
            int pad = (BLOCK - m.data().length % BLOCK) % BLOCK;
            out.writeBytes(new byte[pad]);
        }
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** Reads every regular file member; {@code source} names the shard in error messages. */
    public static List<Member> read(byte[] tar, String source) {
        List<Member> members = new ArrayList<>();
        int pos = 0;
        while (pos + BLOCK <= tar.length) {
            if (isZeroBlock(tar, pos)) {
                return members;
            }
            String name = cString(tar, pos, 100);
            String prefix = cString(tar, pos + 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = parseOctal(tar, pos + 124, 12, source, name);
            char type = (char) tar[pos + 156];
            int dataStart = pos + BLOCK;
            if (dataStart + size > tar.length) {
                throw new InvalidInputException(source + ": member '" + name + "' declares " + size
                        + " bytes but the file ends after " + (tar.length - dataStart) + "; the shard is truncated, re-upload it");
            }
            if (type == '0' || type == 0) {
                byte[] data = new byte[(int) size];
                System.arraycopy(tar, dataStart, data, 0, (int) size);
                members.add(new Member(name, data));
            }
            pos = dataStart + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
        }
        throw new InvalidInputException(source + ": tar file ends without its end-of-archive blocks after "
                + members.size() + " members; the shard is truncated or not a tar file");
    }

    /** Groups members by sample key (the name up to its first dot), keeping shard order. */
    public static Map<String, Map<String, byte[]>> samples(List<Member> members) {
        Map<String, Map<String, byte[]>> samples = new LinkedHashMap<>();
        for (Member m : members) {
            String base = m.name().substring(m.name().lastIndexOf('/') + 1);
            int dot = base.indexOf('.');
            String key = dot < 0 ? m.name() : m.name().substring(0, m.name().length() - base.length() + dot);
            String ext = dot < 0 ? "" : base.substring(dot + 1);
            samples.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(ext, m.data());
        }
        return samples;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String s = Long.toOctalString(value);
        int digits = length - 1;
        if (s.length() > digits) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
        }
        s = "0".repeat(digits - s.length()) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, header, offset, digits);
        header[offset + digits] = 0;
    }

    private static long parseOctal(byte[] tar, int offset, int length, String source, String member) {
        String s = cString(tar, offset, length).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source + ": member '" + member + "' has a corrupt size field '" + s
                    + "'; the shard is not a valid tar file");
        }
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZeroBlock(byte[] b, int offset) {
        for (int i = offset; i < offset + BLOCK; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

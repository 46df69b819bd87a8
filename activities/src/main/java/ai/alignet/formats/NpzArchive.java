package ai.alignet.formats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip archive with one {@code <name>.npy} member per array, stored
 * ({@code np.savez}) or deflated ({@code np.savez_compressed}). Both are read; both can be written.
 */
public final class NpzArchive {

    private NpzArchive() {}

    /** Arrays by name (member name without {@code .npy}), in archive order. */
    public static Map<String, NpyArray> read(byte[] bytes, String source) {
        if (bytes.length < 4 || bytes[0] != 'P' || bytes[1] != 'K') {
            throw new InvalidInputException(source + ": not a .npz archive (no zip signature); write it with "
                    + "numpy.savez or numpy.savez_compressed");
        }
        if (!hasEndOfCentralDirectory(bytes)) {
            throw new InvalidInputException(source + ": the zip archive is truncated (its central directory is "
                    + "missing); copy the file again");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        String member = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                member = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                byte[] data = zip.readAllBytes();
                String name = member.endsWith(".npy") ? member.substring(0, member.length() - 4) : member;
                arrays.put(name, NpyFile.read(data, source + " member " + member));
            }
        } catch (IOException e) {
            throw new InvalidInputException(source + (member == null ? "" : " member " + member)
                    + ": corrupt or truncated zip data (" + e.getMessage() + "); copy the file again", e);
        }
        if (arrays.isEmpty()) {
            throw new InvalidInputException(source + ": the .npz archive holds no arrays");
        }
        return arrays;
    }

    /** Writes {@code arrays} as {@code <name>.npy} members, deflated when {@code compressed}. */
    public static byte[] write(Map<String, NpyArray> arrays, boolean compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, NpyArray> a : arrays.entrySet()) {
                byte[] data = NpyFile.write(a.getValue());
                ZipEntry entry = new ZipEntry(a.getKey() + ".npy");
                // A fixed time keeps archives of the same arrays byte-identical (content-addressed cache).
                entry.setTime(315532800000L);
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean hasEndOfCentralDirectory(byte[] b) {
        int lowest = Math.max(0, b.length - 22 - 65535);
        for (int i = b.length - 22; i >= lowest; i--) {
            if (b[i] == 'P' && b[i + 1] == 'K' && b[i + 2] == 5 && b[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }
}

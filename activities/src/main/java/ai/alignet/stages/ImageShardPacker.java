package ai.alignet.stages;

import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.TarShard;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Packs images one by one into WebDataset tar shards of a fixed size, named so that the shards' order
 * is the images' order ({@code 000000042.jpg}): what {@link ImageShards#decodeAll} reads back as a list
 * whose index is the packing order. Holds at most one shard's images in memory.
 */
final class ImageShardPacker {

    private final ArtifactStore store;
    private final String prefix;
    private final int imagesPerShard;
    private final List<TarShard.Member> pending = new ArrayList<>();
    private final List<ArtifactRef> shards = new ArrayList<>();
    private int packed;

    ImageShardPacker(ArtifactStore store, String prefix, int imagesPerShard) {
        if (imagesPerShard < 1) {
            throw new IllegalArgumentException("imagesPerShard must be >= 1, got " + imagesPerShard);
        }
        this.store = store;
        this.prefix = prefix;
        this.imagesPerShard = imagesPerShard;
    }

    /**
     * Adds one image and returns its position in the packed order.
     *
     * @param file   the image's file name as the labels name it (its extension says the format)
     * @param source where the bytes came from, for error messages
     */
    int add(String file, byte[] bytes, String source) {
        String extension = extension(file, source);
        if (!looksLikeImage(bytes)) {
            throw new InvalidInputException(source + ": not a JPEG or PNG image (" + bytes.length
                    + " bytes that start with neither FF D8 FF nor 89 'PNG'); replace the file or drop the triplets that use it");
        }
        pending.add(new TarShard.Member(String.format("%09d.%s", packed, extension), bytes));
        // Where the image came from, beside it: a decoding error at distillation then names the source file.
        pending.add(new TarShard.Member(String.format("%09d.%s", packed, ImageShards.SOURCE_EXTENSION),
                source.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        packed++;
        if (packed % imagesPerShard == 0) {
            flush();
        }
        return packed - 1;
    }

    int count() {
        return packed;
    }

    /** Writes the last, partly filled shard and returns every shard in order. */
    List<ArtifactRef> finish() {
        if (!pending.isEmpty()) {
            flush();
        }
        return List.copyOf(shards);
    }

    private void flush() {
        shards.add(store.put(prefix + String.format("images-%05d.tar", shards.size()), TarShard.write(pending)));
        pending.clear();
    }

    private static String extension(String file, String source) {
        String lower = file.toLowerCase(Locale.ROOT);
        for (String ext : List.of("jpg", "jpeg", "png")) {
            if (lower.endsWith("." + ext)) {
                return ext;
            }
        }
        throw new InvalidInputException(source + ": '" + file + "' is not a .jpg, .jpeg or .png file name; "
                + "the labels must name JPEG or PNG images");
    }

    private static boolean looksLikeImage(byte[] b) {
        boolean jpeg = b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
        boolean png = b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
        return jpeg || png;
    }
}

package ai.alignet.stages;

import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.TarShard;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.ImageDecoder;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads image tar shards from the store and decodes their images to CHW bytes ({@link ChwImage}). */
final class ImageShards {

    /** Optional sample member naming where a packed image came from (see {@link ImageShardPacker}). */
    static final String SOURCE_EXTENSION = "src";

    private ImageShards() {}

    static List<ChwImage> decode(ArtifactStore store, ArtifactRef shard, int imageSize) {
        List<ChwImage> images = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> sample : samples(store, shard).entrySet()) {
            byte[] encoded = imageBytes(sample.getValue());
            if (encoded == null) {
                throw new InvalidInputException(shard.key() + ": sample '" + sample.getKey() + "' has no .png/.jpg/.jpeg member");
            }
            try {
                images.add(ImageDecoder.decodeChw(encoded, imageSize));
            } catch (IllegalArgumentException e) {
                byte[] source = sample.getValue().get(SOURCE_EXTENSION);
                String from = source == null ? "" : " (from " + new String(source, java.nio.charset.StandardCharsets.UTF_8) + ")";
                throw new InvalidInputException(shard.key() + ": sample '" + sample.getKey() + "'" + from + ": " + e.getMessage(), e);
            }
        }
        return images;
    }

    static List<ChwImage> decodeAll(ArtifactStore store, List<ArtifactRef> shards, int imageSize) {
        List<ChwImage> images = new ArrayList<>();
        for (ArtifactRef shard : shards) {
            images.addAll(decode(store, shard, imageSize));
        }
        return images;
    }

    /** File names of the shard's images, in order: how CSV triplet files refer to them. */
    static List<String> fileNames(ArtifactStore store, ArtifactRef shard) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> sample : samples(store, shard).entrySet()) {
            for (String ext : List.of("png", "jpg", "jpeg")) {
                if (sample.getValue().containsKey(ext)) {
                    names.add(sample.getKey() + "." + ext);
                    break;
                }
            }
        }
        return names;
    }

    private static Map<String, Map<String, byte[]>> samples(ArtifactStore store, ArtifactRef shard) {
        return TarShard.samples(TarShard.read(store.get(shard), shard.key()));
    }

    private static byte[] imageBytes(Map<String, byte[]> sample) {
        for (String ext : List.of("png", "jpg", "jpeg")) {
            if (sample.containsKey(ext)) {
                return sample.get(ext);
            }
        }
        return null;
    }
}

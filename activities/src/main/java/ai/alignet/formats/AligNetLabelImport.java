package ai.alignet.formats;

import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store layout of an imported AligNet label file, written by {@code ./alignet labels import} and
 * read by runs that distil from released labels. Under {@code imports/alignet-labels/<sha256>/}: the
 * original {@code labels.npz}, {@code images.json} (dense image id → the file's own index and file
 * name, ids in increasing official index) and {@code labels-NNNNN.bin} label shards over dense ids.
 */
public final class AligNetLabelImport {

    public static final String ROOT = "imports/alignet-labels/";
    static final String IMAGE_LIST = "images.json";
    static final int SHARD_SIZE = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an import stored: the key prefix, the shards, how many distinct images they use. */
    public record Stored(String prefix, List<ArtifactRef> shards, ArtifactRef imageList, ArtifactRef original, int images) {}

    /** An import as a run reads it: its label shards and, per dense image id, the file name. */
    public record Contents(List<ArtifactRef> shards, List<String> files) {}

    private record ImageEntry(long index, String file) {}

    private AligNetLabelImport() {}

    /** Stores the file under a prefix named by its sha256, so the same file imports once. */
    public static Stored store(ArtifactStore store, byte[] npz, AligNetLabelsNpz.Labels labels) {
        String prefix = ROOT + sha256(npz) + "/";
        Map<Long, String> images = new TreeMap<>();
        long[] idx = labels.indices();
        for (int i = 0; i < idx.length; i++) {
            images.putIfAbsent(idx[i], labels.filenames()[i]);
        }
        Map<Long, Integer> dense = new TreeMap<>();
        List<ImageEntry> list = new ArrayList<>();
        for (Map.Entry<Long, String> e : images.entrySet()) {
            dense.put(e.getKey(), dense.size());
            list.add(new ImageEntry(e.getKey(), e.getValue()));
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArtifactRef original = store.put(prefix + "labels.npz", npz);
        ArtifactRef imageList = store.put(prefix + IMAGE_LIST, json);
        List<ArtifactRef> shards = new ArrayList<>();
        for (int start = 0, n = 0; start < labels.size(); start += SHARD_SIZE, n++) {
            List<LabelledTriplet> part = new ArrayList<>();
            for (int r = start; r < Math.min(labels.size(), start + SHARD_SIZE); r++) {
                LabelledTriplet t = labels.triplet(r);
                part.add(new LabelledTriplet(dense.get((long) t.a()), dense.get((long) t.b()), dense.get((long) t.c()),
                        t.s01(), t.s02(), t.s12()));
            }
            shards.add(store.put(prefix + String.format("labels-%05d.bin", n), LabelShardFile.encode(part)));
        }
        return new Stored(prefix, shards, imageList, original, dense.size());
    }

    /**
     * Reads an import back.
     *
     * @throws InvalidInputException if nothing was imported under {@code prefix} or its image list is unreadable
     */
    public static Contents open(ArtifactStore store, String prefix) {
        ArtifactRef list = store.stat(prefix + IMAGE_LIST).orElseThrow(() -> new InvalidInputException(
                "no imported labels under '" + prefix + "' (" + prefix + IMAGE_LIST + " is missing); run "
                        + "'./alignet labels import FILE' first and use the prefix it prints"));
        List<ImageEntry> entries;
        try {
            entries = JSON.readValue(store.get(list), new TypeReference<List<ImageEntry>>() {});
        } catch (IOException e) {
            throw new InvalidInputException(list.key() + ": not an image list written by 'labels import': " + e.getMessage());
        }
        List<String> files = new ArrayList<>(entries.size());
        for (int id = 0; id < entries.size(); id++) {
            String file = entries.get(id).file();
            if (file == null || file.isBlank()) {
                throw new InvalidInputException(list.key() + " entry " + id + ": empty file name; re-import the .npz");
            }
            files.add(file);
        }
        List<ArtifactRef> shards = new ArrayList<>();
        for (String key : store.list(prefix)) {
            if (key.substring(prefix.length()).matches("labels-\\d{5}\\.bin")) {
                shards.add(store.stat(key).orElseThrow(() -> new InvalidInputException(key + " vanished while reading")));
            }
        }
        if (shards.isEmpty()) {
            throw new InvalidInputException("'" + prefix + "' has an image list but no labels-NNNNN.bin shards; re-import the .npz");
        }
        return new Contents(shards, files);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

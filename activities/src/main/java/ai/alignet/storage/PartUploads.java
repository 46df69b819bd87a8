package ai.alignet.storage;

/**
 * How {@link S3ArtifactStore} splits a large upload: parts of {@code partSize} bytes, at most
 * {@code inFlight} of them uploading at once (each streamed from the file, none held in memory).
 */
record PartUploads(int partSize, int inFlight) {

    /** S3's smallest part (all but the last); SeaweedFS accepts less, AWS S3 and MinIO do not. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    /** S3 allows at most 10,000 parts per upload. */
    static final int MAX_PARTS = 10_000;

    /** The AWS CLI's defaults: 8 MiB parts, 10 concurrent requests. */
    static final PartUploads DEFAULT = new PartUploads(8 * 1024 * 1024, 10);

    PartUploads {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size must be at least " + MIN_PART_SIZE
                    + " bytes (the S3 minimum), got " + partSize);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("parts in flight must be >= 1, got " + inFlight);
        }
    }

    /**
     * The part size for an object of {@code size} bytes: ours, or larger (whole MiB) when ours would
     * need more than {@value #MAX_PARTS} parts.
     */
    int partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        if (needed <= partSize) {
            return partSize;
        }
        long mib = 1024 * 1024;
        long rounded = (needed + mib - 1) / mib * mib;
        if (rounded > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(size + " bytes exceed what " + MAX_PARTS
                    + " parts of at most 2 GiB can hold; split the artifact");
        }
        return (int) rounded;
    }
}

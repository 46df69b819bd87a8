package ai.alignet.pipeline.spec;

/** One problem with one field of a pipeline spec: where it is, what is wrong, and how to fix it. */
public record FieldError(String path, String problem) {

    @Override
    public String toString() {
        return path + ": " + problem;
    }
}

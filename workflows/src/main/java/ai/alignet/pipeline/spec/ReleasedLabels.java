package ai.alignet.pipeline.spec;

/**
 * Labels that already exist, e.g. the released AligNet dataset: the run skips the teacher, clustering
 * and labelling and distils from these instead.
 *
 * @param importPrefix where {@code ./alignet labels import} stored the .npz (it prints the prefix),
 *                     ending in '/'
 * @param imagesPrefix the images the .npz's {@code filenames} name, as a folder tree in the store
 *                     ({@code <imagesPrefix><filename>}) or as WebDataset tar shards under it whose
 *                     members are named by the same paths; ending in '/'
 */
public record ReleasedLabels(String importPrefix, String imagesPrefix) {}
